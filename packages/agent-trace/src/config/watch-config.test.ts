import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from './config-error.js';
import { loadConfig } from './config.js';
import { watchConfig, type ConfigChange, type ConfigWatcher } from './watch-config.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(root, { recursive: true, force: true }));

/**
 * Events as a queue the test awaits one at a time: each wait ends on the event. The watcher's own timers are
 * unref'd (they must not keep `serve` alive), so a wait holds a timer of its own: a guard against a hang,
 * far longer than any event takes, not a timing assertion.
 */
const eventQueue = <T>() => {
  const items: T[] = [];
  const waiting: ((item: T) => void)[] = [];
  return {
    push: (item: T) => {
      const w = waiting.shift();
      if (w) w(item);
      else items.push(item);
    },
    next: (): Promise<T> => {
      const item = items.shift();
      if (item !== undefined) return Promise.resolve(item);
      return new Promise((resolve, reject) => {
        const guard = setTimeout(() => reject(new Error('no event within 20 s')), 20_000);
        waiting.push((event) => {
          clearTimeout(guard);
          resolve(event);
        });
      });
    },
    pending: () => items.length,
  };
};

const start = async (dir: string, text: string, env: NodeJS.ProcessEnv = {}) => {
  const path = join(dir, 'config.yaml');
  writeFileSync(path, text);
  const changes = eventQueue<ConfigChange>();
  const errors = eventQueue<Error>();
  const watcher: ConfigWatcher = watchConfig({
    path,
    env,
    current: await loadConfig(dir, undefined, { env }),
    onChange: changes.push,
    onError: errors.push,
    debounceMs: 20,
    pollMs: 50,
  });
  return { path, changes, errors, watcher };
};

describe('watchConfig', () => {
  it('applies a good edit, rejects a bad one keeping the old config, and recovers on the next good edit', async () => {
    const dir = mkdtempSync(join(root, 'w-'));
    const { path, changes, errors, watcher } = await start(dir, 'privacy:\n  tier: 1\n', { AGENT_TRACE_SAMPLING__RATE: '10' });
    try {
      writeFileSync(path, 'privacy:\n  tier: 2\nretention:\n  days: 7\n');
      const good = await changes.next();
      assert.deepEqual(good.changed, ['privacy.tier', 'retention.days']);
      assert.deepEqual(good.needsRestart, []);
      assert.equal(good.config.privacy.tier, 2);
      assert.equal(good.config.sampling.rate, 10, 'the environment still overrides the reloaded file');
      assert.equal(watcher.current().retention.days, 7);

      writeFileSync(path, 'privacy:\n  tier: 9\nretention:\n  days: 7\n');
      const bad = await errors.next();
      assert.ok(bad instanceof ConfigError);
      assert.match(bad.message, /privacy\.tier: .*got 9 .*allowed: one of 1, 2, 3/);
      assert.equal(watcher.current().privacy.tier, 2, 'the old config stays in force');

      writeFileSync(path, 'privacy:\n  tier: 3\nretention:\n  days: 7\n');
      assert.equal((await changes.next()).config.privacy.tier, 3);
      assert.equal(errors.pending(), 0);
    } finally {
      watcher.close();
    }
  });

  it('sees a save by rename, reports listener and store keys as needing a restart, and a YAML error as an error', async () => {
    const dir = mkdtempSync(join(root, 'w-'));
    const { path, changes, errors, watcher } = await start(dir, '# mine\nserver:\n  port: 8318\n');
    try {
      writeFileSync(join(dir, 'config.yaml.tmp'), '# mine\nserver:\n  port: 9000\nsampling:\n  rate: 50\n');
      renameSync(join(dir, 'config.yaml.tmp'), path);
      const change = await changes.next();
      assert.deepEqual(change.changed, ['sampling.rate', 'server.port']);
      assert.deepEqual(change.needsRestart, ['server.port']);

      writeFileSync(path, 'server: [port\n');
      assert.match((await errors.next()).message, /not valid YAML/);
      assert.equal(watcher.current().sampling.rate, 50);
    } finally {
      watcher.close();
    }
  });

  it('goes back to the defaults when the file is deleted, and keeps the old config when onChange refuses it', async () => {
    const dir = mkdtempSync(join(root, 'w-'));
    const path = join(dir, 'config.yaml');
    writeFileSync(path, 'retention:\n  days: 7\n');
    const errors = eventQueue<Error>();
    const changes = eventQueue<ConfigChange>();
    let refuse = true;
    const watcher = watchConfig({
      path,
      env: {},
      current: await loadConfig(dir, undefined),
      onChange: (change) => {
        if (refuse) throw new Error('cannot apply');
        changes.push(change);
      },
      onError: errors.push,
      debounceMs: 20,
      pollMs: 50,
    });
    try {
      writeFileSync(path, 'retention:\n  days: 8\n');
      assert.equal((await errors.next()).message, 'cannot apply');
      assert.equal(watcher.current().retention.days, 7);
      refuse = false;
      rmSync(path);
      const change = await changes.next();
      assert.deepEqual(change.changed, ['retention.days']);
      assert.equal(change.config.retention.days, 30);
    } finally {
      watcher.close();
    }
  });
});
