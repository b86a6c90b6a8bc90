import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { PrivacyTier } from '@agent-trace/schema';
import { defaultConfig } from '../../config/config.js';
import { STORE_FILE } from '../../config/data-dir.js';
import { stripContent } from '../../ingest/hooks/content-fields.js';
import { RECEIVED_AT_HEADER } from '../../ingest/hooks/client/forward.js';
import { payloadDigest } from '../../ingest/hooks/payload-digest.js';
import { importTranscripts } from '../../ingest/import.js';
import { createPriceBook } from '../../pricing/index.js';
import { loadOrCreateSalt } from '../../privacy/index.js';
import { startCollector } from '../../server/collector.js';
import { createLogger } from '../../server/logger.js';
import { openRotatingFile } from '../../server/rotating-file.js';
import { spoolHookEvent } from '../../spool/spool-writer.js';
import { spoolPaths } from '../../spool/spool-paths.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { EXPORT_FORMATS, exportSessions, fileSink } from '../../export/index.js';
import { createPipeline } from '../index.js';
import { plantHookPayloads, plantLogFields, plantOtlp, plantTranscripts, type Planted } from './plant.js';

/**
 * The privacy conformance suite: hundreds of secrets of every kind planted in transcripts, hook payloads (sent to
 * the collector, and spooled then drained), OTLP span attributes, span events, status messages, log records and
 * metric labels, file paths and error messages, and the fields of our own log lines; ingested through every path
 * at every tier; then the raw bytes of every file in the data dir (the SQLite file with its WAL and shared memory,
 * the spool, dead letters, our logs) are searched. Not one secret may be found, and at tier 1 not one prompt,
 * tool parameter or tool result.
 */
const root = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(root, { recursive: true, force: true }));

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

const found = (bytes: Buffer[], value: string): boolean => bytes.some((b) => b.includes(value));

const waitFor = async (condition: () => Promise<boolean>, what: string): Promise<void> => {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

interface TierRun {
  planted: Planted;
  /** Bytes of every file in the data dir, read while the store was open (WAL included) and after it closed. */
  bytes: Buffer[];
  files: string[];
  sessions: number;
}

const ingestEverything = async (tier: PrivacyTier): Promise<TierRun> => {
  const planted: Planted = { secrets: [], markers: [] };
  const dataDir = join(root, `tier-${tier}`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const config = defaultConfig();
  config.privacy.tier = tier;
  const pipeline = createPipeline(config, createPriceBook({}), { salt: loadOrCreateSalt(dataDir) });

  // The spool is written by hook processes while the collector is down.
  const receivedAtNs = BigInt(Date.UTC(2026, 10, 3)) * 1_000_000n;
  plantHookPayloads(planted, 'spool').forEach((event, i) =>
    spoolHookEvent(dataDir, { agent: 'claude-code', receivedAtNs: receivedAtNs + BigInt(i), payloadDigest: payloadDigest(event), payload: stripContent(event) }),
  );

  const store = SqliteStore.open(join(dataDir, STORE_FILE));
  const logFile = openRotatingFile(join(dataDir, 'logs', 'agent-trace.log'), { maxBytes: 1 << 24, keep: 2 });
  const logger = createLogger(logFile, 'debug');
  const collector = await startCollector({
    store,
    process: (b) => pipeline.process(b),
    logger,
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: null,
    watch: null,
    spoolDir: dataDir,
  });
  const url = `http://127.0.0.1:${collector.httpPort}`;
  let closed = false;
  try {
    for (const [i, event] of plantHookPayloads(planted, 'hook').entries()) {
      const res = await fetch(`${url}/v1/hooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [RECEIVED_AT_HEADER]: String(receivedAtNs + 1000n + BigInt(i)) },
        body: JSON.stringify(event),
      });
      assert.equal(res.status, 200, `hook ${String(event['hook_event_name'])}: ${await res.text()}`);
    }
    const otlp = plantOtlp(planted);
    for (const [signal, body] of [['traces', otlp.traces], ['logs', otlp.logs], ['metrics', otlp.metrics]] as const) {
      const res = await fetch(`${url}/v1/${signal}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(res.status, 200, `${signal}: ${await res.text()}`);
    }
    const transcripts = join(root, `transcripts-${tier}`);
    for (const [path, text] of plantTranscripts(planted)) {
      mkdirSync(dirname(join(transcripts, path)), { recursive: true });
      writeFileSync(join(transcripts, path), text);
    }
    const summary = await importTranscripts({ store, env: {}, home: root, paths: [transcripts], includeContent: tier > 1, process: (b) => pipeline.process(b) });
    assert.deepEqual(summary.problems, []);
    for (const fields of plantLogFields(planted)) logger.warn('request rejected', fields);
    await waitFor(async () => !readdirSync(dataDir).includes('hook-spool.jsonl') && !readdirSync(dataDir).includes('hook-spool.jsonl.draining'), 'the spool to drain');
    // Exports are files a user hands on: one in every format, written where the scan below reads.
    mkdirSync(join(dataDir, 'exports'), { mode: 0o700 });
    for (const format of EXPORT_FORMATS) {
      const file = fileSink(join(dataDir, 'exports', `all.${format}`));
      const exported = await exportSessions({ store, format, version: 'conformance', filter: {}, sink: file.sink });
      file.commit();
      assert.ok(exported.spans > 0, `the ${format} export holds spans`);
    }
    if (tier >= 2) {
      // The scan would see content in an export: what the store holds at this tier is exported.
      const jsonl = readFileSync(join(dataDir, 'exports', 'all.jsonl'));
      assert.ok(planted.markers.some(([, kind, value]) => kind === 'prompt' && jsonl.includes(value)), 'stored prompts are in the export');
    }
    const sessions = await store.countSessions({});
    const whileOpen = filesUnder(dataDir);
    const bytes = whileOpen.map((f) => readFileSync(f));
    assert.ok(whileOpen.some((f) => f.endsWith('-wal')), 'the WAL is scanned while the store is open');
    closed = true;
    await collector.close();
    await store.close();
    logFile.close();
    const files = filesUnder(dataDir);
    bytes.push(...files.map((f) => readFileSync(f)));
    return { planted, bytes, files: [...new Set([...whileOpen, ...files])].map((f) => f.slice(dataDir.length + 1)), sessions };
  } finally {
    if (!closed) {
      await collector.close();
      await store.close();
      logFile.close();
    }
  }
};

const countBy = (rows: Array<[string, string, string]>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const [path] of rows) out[path] = (out[path] ?? 0) + 1;
  return out;
};

describe('privacy conformance: every path, every tier', { timeout: 120_000 }, () => {
  for (const tier of [1, 2, 3] as const) {
    it(`tier ${tier}: no planted secret in any stored byte${tier === 1 ? ', and no prompt, parameter or result' : ''}`, async (t) => {
      const run = await ingestEverything(tier);
      const { secrets, markers } = run.planted;
      assert.ok(secrets.length >= 500, `planted ${secrets.length}`);
      assert.ok(run.sessions >= 3 * 12, `sessions stored: ${run.sessions}`);
      const survivors = secrets.filter(([, , value]) => found(run.bytes, value)).map(([path, kind, value]) => `${path} ${kind}: ${value}`);
      const leakedMarkers = markers.filter(([, , value]) => found(run.bytes, value));
      t.diagnostic(
        `tier ${tier}: planted ${secrets.length} secrets ${JSON.stringify(countBy(secrets))}, ${markers.length} content markers; ` +
          `scanned ${run.files.join(', ')}; secrets found ${survivors.length}; content markers found ${leakedMarkers.length}`,
      );
      assert.deepEqual(survivors, []);
      assert.deepEqual(run.files.filter((f) => f.startsWith('exports/')).sort(), ['exports/all.csv', 'exports/all.jsonl', 'exports/all.otlp-json']);
      if (tier === 1) assert.deepEqual(leakedMarkers, []);
      if (tier >= 2) {
        // The scan does see content when it is stored: prompts from tier 2, results from tier 3 only.
        assert.ok(leakedMarkers.some(([, kind]) => kind === 'prompt'), 'prompts stored at tier 2+');
        assert.equal(leakedMarkers.some(([path, kind]) => kind === 'tool result' && path !== 'spool'), tier === 3);
      }
    });
  }

  it('purge --content takes a tier-3 store down to tier 1: no prompt, parameter or result left in the file', async () => {
    const dataDir = join(root, 'tier-3');
    const path = join(dataDir, STORE_FILE);
    const before = readFileSync(path);
    const markers = await ingestMarkers();
    assert.ok(markers.some((m) => before.includes(m)), 'the tier-3 store holds content before the purge');
    const store = SqliteStore.open(path);
    const result = await store.purgeContent();
    await store.close();
    assert.ok(result.spans > 0);
    // The store's files; the exports written beside it are the user's files, which purge leaves alone.
    const bytes = filesUnder(dataDir)
      .filter((f) => !f.includes(`${dataDir}/exports/`))
      .map((f) => readFileSync(f));
    assert.deepEqual(
      markers.filter((m) => found(bytes, m)),
      [],
    );
  });
});

/** The content markers every path plants (the same values each run: the generators are deterministic). */
const ingestMarkers = async (): Promise<string[]> => {
  const planted: Planted = { secrets: [], markers: [] };
  plantTranscripts(planted);
  plantHookPayloads(planted, 'hook');
  plantOtlp(planted);
  return planted.markers.map(([, , value]) => value);
};

describe('privacy conformance: the spool', () => {
  it('holds no secret before it is drained', () => {
    const dataDir = join(root, 'spool-only');
    const planted: Planted = { secrets: [], markers: [] };
    for (const event of plantHookPayloads(planted, 'spool')) {
      spoolHookEvent(dataDir, { agent: 'claude-code', receivedAtNs: 1n, payloadDigest: payloadDigest(event), payload: stripContent(event) });
    }
    const bytes = [readFileSync(spoolPaths(dataDir).spool)];
    assert.deepEqual(
      planted.secrets.filter(([, , v]) => found(bytes, v)),
      [],
    );
    assert.deepEqual(
      planted.markers.filter(([, , v]) => found(bytes, v)),
      [],
    );
  });
});
