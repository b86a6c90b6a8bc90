import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store, WriteBatch } from '../store/types.js';
import { classifyChange } from './file-change.js';
import { importTranscripts, type ImportOptions } from './import.js';
import { claudeCodeAdapter } from './transcripts/claude-code/index.js';
import { FIXTURES, SESSION_A, SESSION_B, SESSION_C } from './transcripts/claude-code/test/helpers.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-plan-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;

const setup = (): { claude: string; store: Store; options: ImportOptions } => {
  const dir = join(root, `case-${++counter}`);
  const claude = join(dir, 'claude');
  cpSync(FIXTURES, claude, { recursive: true });
  const store = SqliteStore.open(join(dir, 'store.db'));
  return { claude, store, options: { store, env: { CLAUDE_CONFIG_DIR: claude }, home: join(dir, 'home') } };
};

/**
 * What the planning did before it compared size and mtime from one query: every saved state read in full,
 * and classifyChange on each discovered file. The import must find the same unchanged files and read the
 * same bytes.
 */
const referencePlan = async (store: Store, options: ImportOptions) => {
  const discovery = await claudeCodeAdapter.discover({ env: options.env, home: options.home });
  const saved = new Map((await store.listFileStates()).map((s) => [s.path, s]));
  let unchanged = 0;
  let read = 0;
  let bytes = 0;
  for (const path of discovery.files) {
    const info = statSync(path);
    const change = await classifyChange(path, info.size, info.mtimeMs, saved.get(path) ?? null);
    if (change.kind === 'unchanged') unchanged++;
    else {
      read++;
      bytes += info.size - (change.kind === 'appended' ? change.from.offset : 0);
    }
  }
  return { filesScanned: discovery.files.length, filesUnchanged: unchanged, filesRead: read, bytesRead: bytes };
};

describe('importTranscripts: which files it reads', () => {
  it('finds unchanged, appended, touched, replaced and new files as classifyChange does on full saved states', async () => {
    const { claude, store, options } = setup();
    await importTranscripts(options);
    const shop = join(claude, 'projects', '-home-ana-shop');
    const blog = join(claude, 'projects', '-home-ana-blog');
    const fileA = join(shop, `${SESSION_A}.jsonl`);
    const fileB = join(shop, `${SESSION_B}.jsonl`);
    const fileC = join(blog, `${SESSION_C}.jsonl`);
    // A: lines appended. B: same bytes, new mtime (read from its offset, nothing new). C: replaced by a shorter
    // file with another head. A new file in a new project.
    appendFileSync(fileA, '\n');
    const later = new Date(statSync(fileB).mtimeMs + 5000);
    utimesSync(fileB, later, later);
    const cLines = readFileSync(fileC, 'utf8').split('\n');
    writeFileSync(fileC, `${cLines.slice(1, 3).join('\n')}\n`);
    cpSync(join(blog, `${SESSION_C}.jsonl`), join(claude, 'projects', '-home-ana-new', 'f0000000-0000-4000-8000-000000000001.jsonl'));

    const want = await referencePlan(store, options);
    assert.deepEqual([want.filesRead, want.filesUnchanged], [4, want.filesScanned - 4], 'the reference sees the four changes');
    const got = await importTranscripts(options);
    assert.deepEqual(
      { filesScanned: got.filesScanned, filesUnchanged: got.filesUnchanged, filesRead: got.filesRead, bytesRead: got.bytesRead },
      want,
    );

    const again = await importTranscripts(options);
    assert.deepEqual([again.filesRead, again.filesUnchanged, again.bytesRead], [0, again.filesScanned, 0]);
    assert.deepEqual(await referencePlan(store, options), { filesScanned: again.filesScanned, filesUnchanged: again.filesScanned, filesRead: 0, bytesRead: 0 });
    await store.close();
  });

  it('awaits beforeRead once, before the first batch, and only when a file must be read', async () => {
    const { claude, store, options } = setup();
    const events: string[] = [];
    const traced: ImportOptions = {
      ...options,
      beforeRead: async () => {
        events.push('beforeRead');
      },
      process: (batch: WriteBatch) => {
        events.push('process');
        return batch;
      },
    };
    const first = await importTranscripts(traced);
    assert.ok(first.filesRead > 0);
    assert.equal(events[0], 'beforeRead');
    assert.equal(events.filter((e) => e === 'beforeRead').length, 1);
    assert.ok(events.includes('process'));

    events.length = 0;
    const second = await importTranscripts(traced);
    assert.equal(second.filesRead, 0);
    assert.deepEqual(events, [], 'nothing to read: neither beforeRead nor the pipeline');

    // A missing path is a problem, not a reason to build the pipeline.
    const missing = join(claude, 'projects', 'gone.jsonl');
    const third = await importTranscripts({ ...traced, paths: [join(claude, 'projects'), missing] });
    assert.deepEqual(third.problems.map((p) => p.file), [missing]);
    assert.deepEqual(events, []);

    appendFileSync(join(claude, 'projects', '-home-ana-shop', `${SESSION_A}.jsonl`), '\n');
    const fourth = await importTranscripts(traced);
    assert.equal(fourth.filesRead, 1);
    assert.deepEqual(events.slice(0, 1), ['beforeRead']);
    assert.equal(events.filter((e) => e === 'beforeRead').length, 1);
    await store.close();
  });
});
