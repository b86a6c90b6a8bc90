import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RejectionList } from '../ingest/otlp/rejection.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { Counters } from './counters.js';
import { DurableWriter } from './durable-writer.js';
import { createExportHandler } from './export-handler.js';
import { createLogger } from './logger.js';
import { openRotatingFile } from './rotating-file.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-export-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('export handler', () => {
  it("answers a pipeline error from the OTLP worker as a failed write, counting the request's rejections first", async () => {
    const store = SqliteStore.open(join(root, 'a.db'));
    const log = openRotatingFile(join(root, 'a.log'), { maxBytes: 1 << 20, keep: 1 });
    const logger = createLogger(log);
    const writer = new DurableWriter({ store, process: (b) => b, logger });
    const counters = new Counters();
    const rejections = new RejectionList();
    rejections.add('invalid_trace_id', 'span "x": bad id');
    const boom = new Error('redaction rule failed');
    const handler = createExportHandler(() => Promise.resolve({ batch: {}, accepted: 3, rejections, processed: true, pipelineError: boom }), writer, counters, logger);
    try {
      const outcome = await handler('traces', 'protobuf', Buffer.alloc(0), 'http');
      assert.deepEqual(outcome, { kind: 'failed', message: 'cannot write to the store: redaction rule failed' });
      assert.deepEqual(counters.toJSON(), { requests: { 'http:failed': 1 }, accepted: {}, rejected: { invalid_trace_id: 1, store_error: 3 } });
      assert.equal(writer.flushes, 0, 'nothing was queued');
    } finally {
      await writer.close();
      await store.close();
      log.close();
    }
  });
});
