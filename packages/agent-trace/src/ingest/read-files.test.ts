import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { HEAD_BYTES, headHashOf } from './file-change.js';
import { importTranscripts } from './import.js';
import { headHashOfBytes } from './read-files.js';
import { FIXTURES } from './transcripts/claude-code/test/helpers.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-read-files-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('readPlannedFiles', () => {
  it('hashes a head from bytes in memory exactly as headHashOf does from the file', async () => {
    for (const size of [0, 1, 100, HEAD_BYTES - 1, HEAD_BYTES, HEAD_BYTES + 1, 3 * HEAD_BYTES]) {
      const bytes = Buffer.alloc(size, 0);
      for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
      const path = join(root, `head-${size}.jsonl`);
      writeFileSync(path, bytes);
      assert.equal(headHashOfBytes(bytes.subarray(0, Math.min(size, HEAD_BYTES))), await headHashOf(path, size), `size ${size}`);
    }
  });

  it('saves the head hash headHashOf gives for every file it reads, in one thread and in workers', async () => {
    for (const parseWorkers of [0, 1, 2]) {
      const store = SqliteStore.open(join(root, `store-${parseWorkers}.db`));
      await importTranscripts({ store, env: {}, home: root, paths: [FIXTURES], parseWorkers, tuning: { groupFiles: 1 } });
      const states = await store.listFileStates();
      assert.ok(states.length >= 4);
      for (const state of states) assert.equal(state.headHash, await headHashOf(state.path, state.size), state.path);
      await store.close();
    }
  });
});
