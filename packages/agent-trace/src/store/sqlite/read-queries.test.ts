import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { msToNano } from '@agent-trace/schema';
import { defaultConfig } from '../../config/config.js';
import { importTranscripts } from '../../ingest/import.js';
import { createPipeline } from '../../pipeline/index.js';
import { createPriceBook } from '../../pricing/index.js';
import { fixturesDir } from '../../test-support/paths.js';
import type { UsageQuery } from '../types.js';
import Database from './better-sqlite3.js';
import { usageFilter } from './query-filters.js';
import { bucketFromRow, type BucketRow } from './row-mapping.js';
import { SqliteStore } from './sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-reads-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** The object-per-row read usageBuckets did before it read arrays: the reference its result must equal. */
const bucketsByObjects = (db: Database.Database, q: UsageQuery) => {
  const cols = { time: 'bucket_start_ms', model: 'model', session: 'session_id', agent: 'agent', projectName: 'project_name', projectHash: 'project_hash' };
  const ceilMs = (ns: bigint): number => Number(ns / 1_000_000n) + (ns % 1_000_000n > 0n ? 1 : 0);
  const f = usageFilter(q, cols, ceilMs);
  return (db.prepare(`SELECT * FROM usage_rollup ${f.where} ORDER BY bucket_start_ms, session_id, model`).all(...f.params) as BucketRow[]).map(bucketFromRow);
};

describe('ReadQueries.usageBuckets', () => {
  const path = join(root, 'store.db');
  let store: SqliteStore;
  let db: Database.Database;

  before(async () => {
    store = SqliteStore.open(path);
    const config = defaultConfig();
    const pipeline = createPipeline(config, createPriceBook(config.pricing.models), { salt: 'read-queries-test' });
    // Both fixture sets: priced, unpriced and synthetic models, several projects, a bad line.
    for (const dir of ['parity', 'edge-cases']) {
      await importTranscripts({ store, env: {}, home: root, paths: [join(fixturesDir, 'claude-code', dir, 'projects')], process: (b) => pipeline.process(b) });
    }
    db = new Database(path, { readonly: true });
  });
  after(async () => {
    db.close();
    await store.close();
  });

  it('reads rows as arrays into exactly the buckets an object-per-row read gives', async () => {
    const all = bucketsByObjects(db, {});
    assert.ok(all.length >= 10, `the fixtures give several buckets (${all.length})`);
    assert.ok(new Set(all.map((b) => b.model)).size >= 2);
    const mid = all[Math.floor(all.length / 2)]!;
    const queries: UsageQuery[] = [
      {},
      { sinceNs: msToNano(mid.bucketStartMs) },
      { untilNs: msToNano(mid.bucketStartMs) + 1n },
      { sinceNs: msToNano(all[0]!.bucketStartMs) + 1n, untilNs: msToNano(all.at(-1)!.bucketStartMs) },
      { model: mid.model },
      { model: 'no-such-model' },
      { project: mid.projectName ?? mid.projectHash ?? '' },
      { agent: mid.agent },
      { sessionId: mid.sessionId },
    ];
    for (const q of queries) {
      const got = await store.usageBuckets(q);
      const want = bucketsByObjects(db, q);
      // deepEqual with the same key order: JSON outputs built from these objects keep their field order.
      assert.deepEqual(got, want, JSON.stringify(q, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
      assert.equal(JSON.stringify(got), JSON.stringify(want));
    }
  });
});
