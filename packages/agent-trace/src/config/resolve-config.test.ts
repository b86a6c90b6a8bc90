import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './config-error.js';
import { parseConfigText } from './config-file.js';
import { ConfigSchema } from './config-schema.js';
import { resolveConfig, type FlagValue } from './resolve-config.js';

const FILE = '/etc/agent-trace/config.yaml';
const file = (text: string) => parseConfigText(FILE, text);
const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    assert.equal(err.exitCode, 2);
    return err.problems;
  }
  assert.fail('expected a ConfigError');
};
const portFlag = (text: string): FlagValue => ({ flag: '--port', key: 'server.port', text });

describe('resolveConfig: precedence flag > env > file > default', () => {
  it('gives the defaults with nothing set', () => {
    const { config, sources } = resolveConfig({ file: null, env: {} });
    assert.deepEqual(config, ConfigSchema.parse({}));
    assert.ok([...sources.values()].every((s) => s.kind === 'default'));
  });

  it('a file value wins over the default', () => {
    const { config, sources } = resolveConfig({ file: file('server:\n  port: 9001\n'), env: {} });
    assert.equal(config.server.port, 9001);
    assert.deepEqual(sources.get('server.port'), { kind: 'file', name: FILE });
    assert.deepEqual(sources.get('server.host'), { kind: 'default' });
  });

  it('an environment variable wins over the file', () => {
    const { config, sources } = resolveConfig({ file: file('server:\n  port: 9001\n'), env: { AGENT_TRACE_SERVER__PORT: '9002' } });
    assert.equal(config.server.port, 9002);
    assert.deepEqual(sources.get('server.port'), { kind: 'env', name: 'AGENT_TRACE_SERVER__PORT' });
  });

  it('a flag wins over the environment variable', () => {
    const { config, sources } = resolveConfig({
      file: file('server:\n  port: 9001\n'),
      env: { AGENT_TRACE_SERVER__PORT: '9002' },
      flags: [portFlag('9003')],
    });
    assert.equal(config.server.port, 9003);
    assert.deepEqual(sources.get('server.port'), { kind: 'flag', name: '--port' });
  });

  it('an override of one key keeps the file’s other keys beside it', () => {
    const { config } = resolveConfig({ file: file('server:\n  host: 0.0.0.0\n  port: 9001\n'), env: { AGENT_TRACE_SERVER__GRPC_PORT: '4800' } });
    assert.deepEqual(config.server, { host: '0.0.0.0', port: 9001, grpcPort: 4800 });
  });
});

describe('resolveConfig: environment values are read by the key’s type', () => {
  it('numbers, union literals, booleans, comma lists, null and JSON objects', () => {
    const { config } = resolveConfig({
      file: null,
      env: {
        AGENT_TRACE_PRIVACY__TIER: '2',
        AGENT_TRACE_RETENTION__DAYS: '60',
        AGENT_TRACE_SAMPLING__RATE: '12.5',
        AGENT_TRACE_COLLECTION__SOURCES__OTLP: 'false',
        AGENT_TRACE_PRIVACY__KEEP_PROJECT_NAMES: 'yes',
        AGENT_TRACE_PRIVACY__REDACTION__EXTRA_KEYS: 'session_cookie, x-api-secret,',
        AGENT_TRACE_RETENTION__MAX_BYTES: 'null',
        AGENT_TRACE_PRICING__MODELS: '{"my-model":{"input":1,"output":5}}',
        AGENT_TRACE_SERVER__HOST: '::1',
      },
    });
    assert.equal(config.privacy.tier, 2);
    assert.equal(config.retention.days, 60);
    assert.equal(config.sampling.rate, 12.5);
    assert.equal(config.collection.sources.otlp, false);
    assert.equal(config.privacy.keepProjectNames, true);
    assert.deepEqual(config.privacy.redaction.extraKeys, ['session_cookie', 'x-api-secret']);
    assert.equal(config.retention.maxBytes, null);
    assert.deepEqual(config.pricing.models['my-model'], { input: 1, output: 5 });
    assert.equal(config.server.host, '::1');
  });

  it('ignores the documented non-config variables and empty values', () => {
    const env = { AGENT_TRACE_HOME: '/x', AGENT_TRACE_URL: 'http://127.0.0.1:1', AGENT_TRACE_TOKEN: 't', AGENT_TRACE_SERVER__PORT: '' };
    assert.equal(resolveConfig({ file: null, env }).config.server.port, 8318);
  });
});

describe('resolveConfig: errors name the key, the source and the allowed values', () => {
  it('an unknown AGENT_TRACE_ variable is an error naming it and the variables of its section', () => {
    const [problem] = problemsOf(() => resolveConfig({ file: null, env: { AGENT_TRACE_SERVER__PROT: '1' } }));
    assert.match(problem ?? '', /^AGENT_TRACE_SERVER__PROT: not a configuration variable/);
    assert.match(problem ?? '', /AGENT_TRACE_SERVER__PORT/);
    const [other] = problemsOf(() => resolveConfig({ file: null, env: { AGENT_TRACE_COLOUR: 'red' } }));
    assert.match(other ?? '', /^AGENT_TRACE_COLOUR: .*AGENT_TRACE_PRIVACY__…/);
  });

  it('a value that is not of the key’s type names the variable and the allowed values', () => {
    const problems = problemsOf(() => resolveConfig({ file: null, env: { AGENT_TRACE_SERVER__GRPC_PORT: 'forty', AGENT_TRACE_COLLECTION__ENABLED: 'nah' } }));
    assert.deepEqual(problems, [
      "collection.enabled: 'nah' is not true or false (env AGENT_TRACE_COLLECTION__ENABLED); allowed: true or false",
      "server.grpcPort: 'forty' is not a number (env AGENT_TRACE_SERVER__GRPC_PORT); allowed: a whole number from 0 to 65535",
    ]);
  });

  it('a value out of range names its source: the variable, the flag, or the file and line', () => {
    const [fromEnv] = problemsOf(() => resolveConfig({ file: null, env: { AGENT_TRACE_PRIVACY__TIER: '4' } }));
    assert.match(fromEnv ?? '', /^privacy\.tier: .*got 4 \(env AGENT_TRACE_PRIVACY__TIER\); allowed: one of 1, 2, 3$/);
    const [fromFlag] = problemsOf(() => resolveConfig({ file: null, env: {}, flags: [portFlag('70000')] }));
    assert.match(fromFlag ?? '', /^server\.port: .*got 70000 \(flag --port\); allowed: a whole number from 0 to 65535$/);
    const [fromFile] = problemsOf(() => resolveConfig({ file: file('# mine\nretention:\n  days: 400\n'), env: {} }));
    assert.match(fromFile ?? '', /^retention\.days: must be from 1 to 365 days; got 400 \(file \/etc\/agent-trace\/config\.yaml line 3\); allowed: a whole number from 1 to 365$/);
  });

  it('lists every problem of every level at once, unknown keys with the keys allowed beside them', () => {
    const problems = problemsOf(() =>
      resolveConfig({
        file: file('privacy:\n  tier: 0\n  teir: 2\nsampling:\n  rate: 101\nstore:\n  backend: postgres\n'),
        env: { AGENT_TRACE_RETENTION__DAYS: 'soon' },
        flags: [portFlag('-1')],
      }),
    );
    assert.equal(problems.length, 6, problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith("retention.days: 'soon' is not a number")));
    assert.ok(problems.some((p) => p.startsWith('privacy.tier:') && p.includes('line 2')));
    assert.ok(problems.includes(`privacy.teir: unknown key (file ${FILE} line 3); allowed keys in privacy: tier, keepProjectNames, redaction`));
    assert.ok(problems.some((p) => p.startsWith('sampling.rate: must be a percentage from 0 to 100; got 101')));
    assert.ok(problems.some((p) => p.startsWith('store.backend:') && p.endsWith('allowed: "sqlite"')));
    assert.ok(problems.some((p) => p.startsWith('server.port:') && p.includes('(flag --port)')));
  });

  it('refuses a file whose top level is not a map, and YAML errors with their lines', () => {
    assert.match(problemsOf(() => resolveConfig({ file: file('- a\n- b\n'), env: {} }))[0] ?? '', /top level must be a map/);
    const yamlProblems = problemsOf(() => file('a: [1, 2\nb:\n  x: 1\n  x: 2\n'));
    assert.ok(yamlProblems.length >= 2);
    assert.ok(yamlProblems.every((p) => p.startsWith(`${FILE}: not valid YAML:`) && /line \d+/.test(p)), yamlProblems.join('\n'));
  });
});
