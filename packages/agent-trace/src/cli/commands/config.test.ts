import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../config/config-error.js';
import { defaultConfig } from '../../config/config.js';
import { CONFIG_FILE } from '../../config/data-dir.js';
import { expectSnapshot } from '../../test-support/snapshot.js';
import { runCli } from '../run.js';
import { configCommand } from './config.js';
import { runCommand } from './test/run-command.js';

/** Parsed JSON, walked freely in assertions: a wrong path fails the assertion, not the compiler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const root = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const freshDir = (text?: string): string => {
  const dir = join(root, `d${n++}`);
  mkdirSync(dir, { recursive: true });
  if (text !== undefined) writeFileSync(join(dir, CONFIG_FILE), text);
  return dir;
};
const config = (dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}) => runCommand(configCommand, args, { dataDir, env });

const COMMENTED = `# My agent-trace settings
privacy:
  tier: 2 # prompts, redacted

# prices I negotiated
pricing:
  models:
    my-model: { input: 1, output: 5 }
`;

describe('agent-trace config show', () => {
  it('--json of the defaults is the public contract (snapshot)', async () => {
    const r = await config(freshDir(), ['show', '--json']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), defaultConfig());
    expectSnapshot('config-show-defaults.json', r.stdout);
  });

  it('prints the effective config as YAML, and --sources says where each value came from', async () => {
    const dir = freshDir('server:\n  port: 9001\n');
    const env = { AGENT_TRACE_RETENTION__DAYS: '60' };
    const yaml = await config(dir, ['show'], env);
    assert.match(yaml.stdout, /^retention:\n {2}days: 60\n/m);
    assert.match(yaml.stdout, /^ {2}port: 9001$/m);
    const rows = JSON.parse((await config(dir, ['show', '--sources', '--json'], env)).stdout) as Json[];
    const row = (key: string): Json => rows.find((r: Json) => r.key === key);
    assert.deepEqual(row('server.port'), { key: 'server.port', value: 9001, source: 'file', from: join(dir, CONFIG_FILE) });
    assert.deepEqual(row('retention.days'), { key: 'retention.days', value: 60, source: 'env', from: 'AGENT_TRACE_RETENTION__DAYS' });
    assert.deepEqual(row('privacy.tier'), { key: 'privacy.tier', value: 1, source: 'default' });
    const table = await config(dir, ['show', '--sources'], env);
    assert.match(table.stdout, /^retention\.days +60 +env AGENT_TRACE_RETENTION__DAYS$/m);
  });

  it('reads --config FILE instead of the data dir’s file, and refuses a missing one', async () => {
    const dir = freshDir('server:\n  port: 9001\n');
    const other = join(dir, 'other.yaml');
    writeFileSync(other, 'server:\n  port: 9005\n');
    assert.equal(JSON.parse((await config(dir, ['show', '--json', '--config', other])).stdout).server.port, 9005);
    await assert.rejects(config(dir, ['show', '--config', join(dir, 'nope.yaml')]), /config file not found/);
  });
});

describe('agent-trace config get / path / schema', () => {
  it('get prints a value, an object as JSON, a name with dots inside a map; refuses an unknown key listing the allowed ones', async () => {
    const dir = freshDir('pricing:\n  models:\n    claude-3.5-x: { input: 3, output: 15 }\n');
    assert.equal((await config(dir, ['get', 'server.port'])).stdout, '8318\n');
    assert.equal((await config(dir, ['get', 'server.port'], { AGENT_TRACE_SERVER__PORT: '1234' })).stdout, '1234\n');
    assert.deepEqual(JSON.parse((await config(dir, ['get', 'server'])).stdout), { host: '127.0.0.1', port: 8318, grpcPort: 4717 });
    assert.equal((await config(dir, ['get', 'pricing.models.claude-3.5-x.output'])).stdout, '15\n');
    await assert.rejects(config(dir, ['get', 'server.prot']), /unknown config key 'server\.prot'; allowed: server\.host, server\.port, server\.grpcPort/);
    await assert.rejects(config(dir, ['get']), /config get takes KEY/);
  });

  it('path prints the file in use, with --json whether it exists', async () => {
    const dir = freshDir();
    assert.equal((await config(dir, ['path'])).stdout, `${join(dir, CONFIG_FILE)}\n`);
    assert.deepEqual(JSON.parse((await config(dir, ['path', '--json'])).stdout), { path: join(dir, CONFIG_FILE), exists: false });
  });

  it('schema prints the JSON Schema generated from the config definition (snapshot)', async () => {
    const r = await config(freshDir(), ['schema']);
    assert.equal(r.code, 0);
    const schema = JSON.parse(r.stdout) as Json;
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual(Object.keys(schema.properties), Object.keys(defaultConfig()));
    assert.equal(schema.properties.server.properties.port.maximum, 65535);
    expectSnapshot('config-schema.json', r.stdout);
  });

  it('refuses a missing or unknown subcommand', async () => {
    await assert.rejects(config(freshDir(), []), /config needs a subcommand: show, get, set, path, validate, schema/);
    await assert.rejects(config(freshDir(), ['edit']), /got 'edit'/);
  });
});

describe('agent-trace config set', () => {
  it('edits the file in place: comments, order and other keys are kept', async () => {
    const dir = freshDir(COMMENTED);
    assert.equal((await config(dir, ['set', 'privacy.tier', '3'])).code, 0);
    assert.equal((await config(dir, ['set', 'retention.days', '90'])).code, 0);
    assert.equal((await config(dir, ['set', 'privacy.redaction.extraKeys', 'session_cookie,x-secret'])).code, 0);
    assert.equal((await config(dir, ['set', 'pricing.models.my-model.cache_read', '0.1'])).code, 0);
    const text = readFileSync(join(dir, CONFIG_FILE), 'utf8');
    for (const comment of ['# My agent-trace settings', '# prompts, redacted', '# prices I negotiated']) assert.ok(text.includes(comment), text);
    assert.ok(text.indexOf('privacy:') < text.indexOf('pricing:') && text.indexOf('pricing:') < text.indexOf('retention:'), text);
    const shown = JSON.parse((await config(dir, ['show', '--json'])).stdout) as Json;
    assert.equal(shown.privacy.tier, 3);
    assert.equal(shown.retention.days, 90);
    assert.deepEqual(shown.privacy.redaction.extraKeys, ['session_cookie', 'x-secret']);
    assert.deepEqual(shown.pricing.models['my-model'], { input: 1, output: 5, cache_read: 0.1 });
  });

  it('creates a missing file 0600, and says when a variable overrides the key just set', async () => {
    const dir = join(freshDir(), 'new-home');
    const r = await config(dir, ['set', 'server.grpcPort', '4800'], { AGENT_TRACE_SERVER__GRPC_PORT: '4900' });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `server.grpcPort = 4800 in ${join(dir, CONFIG_FILE)}\n`);
    assert.match(r.stderr, /AGENT_TRACE_SERVER__GRPC_PORT is set and overrides server\.grpcPort/);
    assert.equal(statSync(join(dir, CONFIG_FILE)).mode & 0o777, 0o600);
    assert.equal(readFileSync(join(dir, CONFIG_FILE), 'utf8'), 'server:\n  grpcPort: 4800\n');
  });

  it('fixes a broken file key by key, naming the problems left', async () => {
    const dir = freshDir('privacy:\n  tier: 7\nretention:\n  days: 0\n');
    const first = await config(dir, ['set', 'privacy.tier', '2']);
    assert.equal(first.code, 0);
    assert.match(first.stderr, /still has 1 problem\(s\):\n {2}retention\.days: /);
    const second = await config(dir, ['set', 'retention.days', '7']);
    assert.equal(second.stderr, '');
    assert.equal((await config(dir, ['validate'])).code, 0);
  });

  it('validates before writing: a bad value leaves the file untouched', async () => {
    const dir = freshDir(COMMENTED);
    await assert.rejects(config(dir, ['set', 'privacy.tier', '4']), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /not changed: the edit would make it invalid/);
      assert.match(err.problems[0] ?? '', /^privacy\.tier: .*allowed: one of 1, 2, 3/);
      return true;
    });
    await assert.rejects(config(dir, ['set', 'server.port', 'http']), /server\.port: 'http' is not a number/);
    await assert.rejects(config(dir, ['set', 'pricing.models.new-model.input', '1']), /pricing\.models\.new-model\.output: .*expected number/);
    assert.equal(readFileSync(join(dir, CONFIG_FILE), 'utf8'), COMMENTED);
    assert.equal(existsSync(join(freshDir(), CONFIG_FILE)), false);
  });
});

describe('agent-trace config validate', () => {
  it('exits 0 for a valid file, and for no file at all (the defaults)', async () => {
    const good = await config(freshDir(COMMENTED), ['validate']);
    assert.deepEqual([good.code, good.stdout.startsWith('valid: ')], [0, true]);
    const none = await config(freshDir(), ['validate']);
    assert.match(none.stdout, /no file at .*the defaults are in effect/);
  });

  it('lists every problem and exits 2; with FILE it checks that file alone', async () => {
    const bad = 'privacy:\n  tier: 5\n  tiers: 1\nretention:\n  days: 0\nserver:\n  port: 99999\n';
    const dir = freshDir(bad);
    const r = await config(dir, ['validate'], { AGENT_TRACE_SAMPLING__RATE: '200' });
    assert.equal(r.code, 2);
    const lines = r.stderr.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^agent-trace: 5 problem\(s\) in the configuration/);
    for (const key of ['privacy.tier', 'privacy.tiers', 'retention.days', 'server.port', 'sampling.rate']) {
      assert.ok(lines.some((l) => l.startsWith(`  ${key}: `)), `${key} in\n${r.stderr}`);
    }
    const file = join(dir, 'candidate.yaml');
    writeFileSync(file, bad);
    const json = JSON.parse((await config(freshDir(), ['validate', file, '--json'], { AGENT_TRACE_SAMPLING__RATE: '200' })).stdout) as Json;
    assert.deepEqual([json.valid, json.path, json.problems.length], [false, file, 4]);
    await assert.rejects(config(dir, ['validate', join(dir, 'missing.yaml')]), /config file not found/);
  });
});

describe('every command reads the configuration through run.ts: file, then AGENT_TRACE_*', () => {
  const cli = async (argv: string[], env: NodeJS.ProcessEnv) => {
    let stderr = '';
    const sink = (onChunk: (text: string) => void) =>
      new Writable({
        write(chunk: Buffer, _enc, done) {
          onChunk(chunk.toString());
          done();
        },
      });
    const code = await runCli(argv, { env, stdout: sink(() => undefined), stderr: sink((t) => (stderr += t)), isTTY: false });
    return { code, stderr };
  };

  it('an unknown AGENT_TRACE_ variable or a bad value stops any command with exit 2, naming the variable', async () => {
    const dir = freshDir();
    const unknown = await cli(['stats', '--data-dir', dir], { AGENT_TRACE_RETENTION__DAY: '7' });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /AGENT_TRACE_RETENTION__DAY: not a configuration variable; allowed: AGENT_TRACE_RETENTION__DAYS/);
    const bad = await cli(['stats', '--data-dir', freshDir('retention:\n  days: 10\n')], { AGENT_TRACE_RETENTION__DAYS: '0' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /retention\.days: .*got 0 \(env AGENT_TRACE_RETENTION__DAYS\)/);
    assert.equal((await cli(['stats', '--data-dir', dir], { AGENT_TRACE_HOME: dir, AGENT_TRACE_RETENTION__DAYS: '9' })).code, 0);
  });
});
