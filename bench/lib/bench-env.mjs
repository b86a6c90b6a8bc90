// The environment every timed command runs in: the caller's, without the variables that make each Node.js start
// do extra work no user of ours pays by default. NODE_EXTRA_CA_CERTS makes Node read and parse a CA bundle before
// running anything: on the bench machine (which sets it so npm can reach its registry) `node -e 0` took 92 ms
// with it and 36 ms without. NODE_OPTIONS could load code or change V8 flags. Every command (ours, ccusage,
// `node -e 0`, the hand-rolled scripts) gets the same environment.
const DROPPED = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'];

export const benchEnv = (extra = {}) => {
  const env = { ...process.env };
  for (const name of DROPPED) delete env[name];
  return { ...env, ...extra };
};

/** What was dropped from this run's environment (for the results' notes). */
export const droppedEnv = () => DROPPED.filter((name) => process.env[name] !== undefined);
