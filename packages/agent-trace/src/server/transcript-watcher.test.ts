import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { asSessionId } from '@agent-trace/schema';
import { fixturesDir } from '../test-support/paths.js';
import { startHarness, type Harness } from './test/harness.js';

const FIXTURE = join(fixturesDir, 'claude-code', 'parity', 'projects', '-home-dev-shop', '86b16698-07a8-47bf-a9fe-199fd69de807.jsonl');
const SESSION = '86b16698-07a8-47bf-a9fe-199fd69de807';

const waitFor = async (what: string, check: () => Promise<boolean>): Promise<void> => {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('transcript watcher in serve', () => {
  let h: Harness;
  let configDir: string;
  let transcript: string;
  const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l.trim() !== '');

  before(async () => {
    h = await startHarness({ grpcPort: null });
    await h.collector.close();
    configDir = join(h.dir, 'claude');
    const project = join(configDir, 'projects', '-home-dev-shop');
    mkdirSync(project, { recursive: true });
    transcript = join(project, `${SESSION}.jsonl`);
    writeFileSync(transcript, `${lines.slice(0, 2).join('\n')}\n`);
  });
  after(async () => {
    await h.stop();
  });

  test('sessions appear without hooks, and appended lines are picked up', { timeout: 30_000 }, async () => {
    const { startCollector } = await import('./collector.js');
    const { createLogger } = await import('./logger.js');
    const { openRotatingFile } = await import('./rotating-file.js');
    const log = openRotatingFile(join(h.dir, 'logs', 'watch.log'), { maxBytes: 1 << 20, keep: 1 });
    const collector = await startCollector({
      store: h.store,
      process: (b) => b,
      logger: createLogger(log, 'debug'),
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: null,
      watch: { env: { CLAUDE_CONFIG_DIR: configDir }, home: h.dir, intervalMs: 200 },
    });
    try {
      await waitFor('the session', async () => (await h.store.getSession(asSessionId(SESSION))) !== null);
      const before = (await h.store.getSpans(asSessionId(SESSION))).length;
      appendFileSync(transcript, `${lines.slice(2).join('\n')}\n`);
      await waitFor('the appended lines', async () => (await h.store.getSpans(asSessionId(SESSION))).length > before);
    } finally {
      await collector.close();
      log.close();
    }
  });
});
