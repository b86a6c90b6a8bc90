import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AgentTraceError } from '../errors.js';
import { defaultConfig, loadConfig } from './config.js';
import { ConfigSchema } from './config-schema.js';
import { CONFIG_FILE } from './data-dir.js';
import { flagOverrides } from './flag-overrides.js';

const dir = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('config', () => {
  it('defaults equal what the schema gives for an empty file', () => {
    assert.deepEqual(defaultConfig(), ConfigSchema.parse({}));
  });

  it('hands out a fresh copy of the defaults each time', () => {
    const a = defaultConfig();
    a.pricing.models['x'] = { input: 1, output: 2 };
    assert.deepEqual(defaultConfig().pricing.models, {});
  });

  it('uses the defaults when the data dir has no config file', async () => {
    assert.deepEqual(await loadConfig(join(dir, 'none'), undefined), ConfigSchema.parse({}));
  });

  it('reads and validates config.yaml in the data dir', async () => {
    writeFileSync(join(dir, CONFIG_FILE), 'privacy:\n  tier: 1\npricing:\n  models:\n    my-model: { input: 1, output: 5 }\n');
    const config = await loadConfig(dir, undefined);
    assert.deepEqual(config.pricing.models['my-model'], { input: 1, output: 5 });
    assert.equal(config.server.port, 8318);
  });

  it('names the bad key of an invalid file', async () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'server:\n  port: 70000\n');
    await assert.rejects(loadConfig(dir, path), (err: unknown) => err instanceof AgentTraceError && /server\.port/.test(err.message));
  });

  it('applies AGENT_TRACE_* variables and flags even without a file, flag over variable over file', async () => {
    const env = { AGENT_TRACE_RETENTION__DAYS: '60', AGENT_TRACE_SERVER__PORT: '9002' };
    const noFile = await loadConfig(join(dir, 'none'), undefined, { env, flags: [{ flag: '--port', key: 'server.port', text: '9003' }] });
    assert.deepEqual([noFile.retention.days, noFile.server.port], [60, 9003]);
    const withFile = await loadConfig(dir, undefined, { env: { AGENT_TRACE_PRICING__MODELS: '{}' } });
    assert.deepEqual(withFile.pricing.models, {});
  });

  it('takes a command’s config flags only when given on the command line', () => {
    const configFlags = { port: 'server.port', 'grpc-port': 'server.grpcPort', open: 'x.open' };
    assert.deepEqual(flagOverrides(configFlags, { port: '9000', json: true, open: true }), [
      { flag: '--port', key: 'server.port', text: '9000' },
      { flag: '--open', key: 'x.open', text: 'true' },
    ]);
    assert.deepEqual(flagOverrides(undefined, { port: '9000' }), []);
  });

  it('refuses an unknown AGENT_TRACE_ variable, naming it, even without a file', async () => {
    await assert.rejects(
      loadConfig(join(dir, 'none'), undefined, { env: { AGENT_TRACE_RETENTION_DAYS: '60', AGENT_TRACE_HOME: dir } }),
      (err: unknown) => err instanceof AgentTraceError && err.exitCode === 2 && /AGENT_TRACE_RETENTION_DAYS: not a configuration variable/.test(err.message),
    );
  });

  it('refuses a file that is not YAML, and an explicit file that is missing', async () => {
    const path = join(dir, 'broken.yaml');
    writeFileSync(path, 'a: [1, 2\n');
    await assert.rejects(loadConfig(dir, path), /not valid YAML/);
    await assert.rejects(loadConfig(dir, join(dir, 'missing.yaml')), /config file not found/);
  });
});
