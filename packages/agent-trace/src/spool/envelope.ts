/**
 * One spooled hook event. `payload` has its content fields replaced by size markers (content-fields.ts);
 * `digest` is the payload's digest before that, so the event keeps the id it would have had if the collector
 * had received it directly. Times are decimal strings: JSON has no 64-bit integers.
 */
export interface SpooledHookEvent {
  agent: string;
  receivedAtNs: bigint;
  payloadDigest: string;
  payload: Record<string, unknown>;
}

interface EnvelopeJson {
  v: 1;
  agent: string;
  receivedAtNs: string;
  digest: string;
  payload: Record<string, unknown>;
}

export const encodeEnvelope = (e: SpooledHookEvent): string =>
  `${JSON.stringify({ v: 1, agent: e.agent, receivedAtNs: e.receivedAtNs.toString(), digest: e.payloadDigest, payload: e.payload } satisfies EnvelopeJson)}\n`;

/** Parses one spool line; throws an Error naming what is wrong. */
export const decodeEnvelope = (line: string): SpooledHookEvent => {
  const raw = JSON.parse(line) as unknown;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not a JSON object');
  const o = raw as Partial<EnvelopeJson>;
  if (o.v !== 1) throw new Error(`unknown envelope version ${JSON.stringify(o.v)}`);
  if (typeof o.agent !== 'string') throw new Error('"agent" must be a string');
  if (typeof o.receivedAtNs !== 'string' || !/^\d+$/.test(o.receivedAtNs)) throw new Error('"receivedAtNs" must be a decimal string');
  if (typeof o.digest !== 'string') throw new Error('"digest" must be a string');
  if (typeof o.payload !== 'object' || o.payload === null || Array.isArray(o.payload)) throw new Error('"payload" must be an object');
  return { agent: o.agent, receivedAtNs: BigInt(o.receivedAtNs), payloadDigest: o.digest, payload: o.payload };
};
