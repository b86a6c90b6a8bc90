import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { asSessionId, type Session, type Span } from '@agent-trace/schema';
import { AgentTraceError } from '../errors.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store, WriteBatch } from '../store/types.js';
import { defaultParseWorkers, importTranscripts, MAX_PARSE_WORKERS, TWO_WORKERS_MIN_BYTES, WORKER_MIN_BYTES, type ImportOptions, type ImportProgress, type PlannedFile } from './import.js';
import { groupFiles } from './read-worker.js';
import { subagentSpanIdOf, toolSpanIdOf } from './transcripts/claude-code/ids.js';
import { AGENT_B, FIXTURES, SESSION_A, SESSION_B, SESSION_C } from './transcripts/claude-code/test/helpers.js';

const PARITY_FIXTURES = join(FIXTURES, '..', 'parity');

const root = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;

/** A fresh copy of the fixture config dir and a fresh store. */
const setup = (): { dir: string; store: Store; options: ImportOptions } => {
  const dir = join(root, `case-${++counter}`);
  cpSync(FIXTURES, join(dir, 'claude'), { recursive: true });
  const store = SqliteStore.open(join(dir, 'store.db'));
  return { dir, store, options: { store, env: { CLAUDE_CONFIG_DIR: join(dir, 'claude') }, home: join(dir, 'home') } };
};

/** The numbers `ccusage claude session --json` (20.0.24) reports for the fixtures. */
const CCUSAGE = {
  [SESSION_A]: { inputTokens: 28, outputTokens: 490, cacheWriteTokens: 5500, cacheReadTokens: 52000 },
  [SESSION_B]: { inputTokens: 82, outputTokens: 237, cacheWriteTokens: 29600, cacheReadTokens: 33200 },
  [SESSION_C]: { inputTokens: 10, outputTokens: 325, cacheWriteTokens: 1000, cacheReadTokens: 5000 },
};
/** The usage of the line cut mid-write at the end of session A. */
const CUT_LINE = { input: 3, output: 9, cacheRead: 16000 };

const tokens = (s: Session) => ({
  inputTokens: s.totals.inputTokens,
  outputTokens: s.totals.outputTokens,
  cacheWriteTokens: s.totals.cacheWriteTokens,
  cacheReadTokens: s.totals.cacheReadTokens,
});
const sessionOf = async (store: Store, id: string): Promise<Session> => (await store.getSession(asSessionId(id)))!;
const allTokens = async (store: Store) =>
  Object.fromEntries(await Promise.all(Object.keys(CCUSAGE).map(async (id) => [id, tokens(await sessionOf(store, id))])));
const spanCount = async (store: Store): Promise<number> => (await store.stats()).spans;

describe('importTranscripts', () => {
  it('imports the fixtures with ccusage totals, reports the bad line, and re-imports as a no-op', async () => {
    const { store, options, dir } = setup();
    const progress: ImportProgress[] = [];
    const first = await importTranscripts({ ...options, onProgress: (p) => progress.push(p) });
    assert.equal(first.filesScanned, 4);
    assert.equal(first.filesRead, 4);
    assert.equal(first.filesUnchanged, 0);
    assert.equal(first.sessions, 3);
    const fileA = join(dir, 'claude', 'projects', '-home-ana-shop', `${SESSION_A}.jsonl`);
    assert.deepEqual(
      first.problems.map((p) => [p.file, p.line]),
      [[fileA, 9]],
    );
    assert.deepEqual(await allTokens(store), CCUSAGE);
    const last = progress.at(-1)!;
    assert.equal(last.filesDone, 4);
    assert.equal(last.bytesDone, last.bytesTotal);
    assert.equal(last.sessionsSeen, 3);

    const a = await sessionOf(store, SESSION_A);
    assert.equal(a.totals.prompts, 3);
    assert.equal(a.totals.toolCalls, 2);
    assert.equal(a.totals.errors, 2, 'the failed Bash call and the API error');
    const b = await sessionOf(store, SESSION_B);
    assert.equal(b.totals.subagents, 1);

    const spansBefore = await spanCount(store);
    const again = await importTranscripts(options);
    assert.deepEqual(
      [again.filesRead, again.filesUnchanged, again.bytesRead, again.spans, again.problems.length],
      [0, 4, 0, 0, 0],
    );
    assert.deepEqual(await allTokens(store), CCUSAGE);
    assert.equal(await spanCount(store), spansBefore);
    await store.close();
  });

  it('reads a cut last line once it is complete, and appended lines add exactly their effect', async () => {
    const { store, options, dir } = setup();
    await importTranscripts(options);
    const fileA = join(dir, 'claude', 'projects', '-home-ana-shop', `${SESSION_A}.jsonl`);
    const text = readFileSync(fileA, 'utf8');
    const tail = text.slice(text.lastIndexOf('\n') + 1);
    assert.ok(CUT_LINE_FULL.startsWith(tail) && tail.length > 0, 'the fixture ends with the first half of CUT_LINE_FULL');

    // The writer finishes the line: exactly its usage is added, once.
    appendFileSync(fileA, `${CUT_LINE_FULL.slice(tail.length)}\n`);
    const second = await importTranscripts(options);
    assert.deepEqual([second.filesRead, second.filesUnchanged, second.linesRead, second.problems.length], [1, 3, 1, 0]);
    const expected = structuredClone(CCUSAGE);
    expected[SESSION_A].inputTokens += CUT_LINE.input;
    expected[SESSION_A].outputTokens += CUT_LINE.output;
    expected[SESSION_A].cacheReadTokens += CUT_LINE.cacheRead;
    assert.deepEqual(await allTokens(store), expected);

    // A later block line of the same message with more output replaces it (larger total wins), a new prompt adds a turn.
    const grown = CUT_LINE_FULL.replace('"output_tokens":9', '"output_tokens":40').replace('a0000000-0000-4000-8000-000000000010', 'a0000000-0000-4000-8000-000000000011');
    const prompt = JSON.stringify({
      parentUuid: null, isSidechain: false, userType: 'external', cwd: '/home/ana/shop', sessionId: SESSION_A, version: '2.1.197',
      gitBranch: 'main', type: 'user', uuid: 'a0000000-0000-4000-8000-000000000012', timestamp: '2026-11-18T10:08:00.000Z',
      message: { role: 'user', content: 'one more thing' },
    });
    appendFileSync(fileA, `${grown}\n${prompt}\n`);
    const third = await importTranscripts(options);
    assert.equal(third.linesRead, 2);
    expected[SESSION_A].outputTokens += 40 - CUT_LINE.output;
    assert.deepEqual(await allTokens(store), expected);
    const a = await sessionOf(store, SESSION_A);
    assert.equal(a.totals.prompts, 4);
    assert.equal(a.endNs, 1794996480000000000n);
    await store.close();
  });

  it('re-reads a replaced or truncated file from the start without counting twice', async () => {
    const { store, options, dir } = setup();
    await importTranscripts(options);
    const fileC = join(dir, 'claude', 'projects', '-home-ana-blog', `${SESSION_C}.jsonl`);
    const lines = readFileSync(fileC, 'utf8').split('\n');

    // Truncated: same head, shorter than the saved offset.
    writeFileSync(fileC, `${lines.slice(0, 4).join('\n')}\n`);
    const truncated = await importTranscripts(options);
    assert.equal(truncated.filesRead, 1);
    assert.equal(truncated.linesRead, 4);
    assert.deepEqual(await allTokens(store), CCUSAGE);
    assert.equal((await store.getFileState(fileC))!.offset, Buffer.byteLength(`${lines.slice(0, 4).join('\n')}\n`));

    // Replaced: a different head (another session's lines), read from byte 0.
    const other = lines.slice(1, 4).map((l) => l.replaceAll(SESSION_C, 'f1e2d3c4-0000-4000-8000-00000000000d')).join('\n');
    writeFileSync(fileC, `${other}\n`);
    const replaced = await importTranscripts(options);
    assert.equal(replaced.linesRead, 3);
    const d = await sessionOf(store, 'f1e2d3c4-0000-4000-8000-00000000000d');
    assert.deepEqual(tokens(d), { inputTokens: 7, outputTokens: 300, cacheWriteTokens: 1000, cacheReadTokens: 2000 });
    assert.deepEqual(await allTokens(store), CCUSAGE);
    await store.close();
  });

  it('never counts the same data twice, from two copies or two imports', async () => {
    const { store, dir } = setup();
    const copy = join(dir, 'copy');
    cpSync(join(dir, 'claude'), copy, { recursive: true });
    const summary = await importTranscripts({ store, env: {}, home: join(dir, 'home'), paths: [join(dir, 'claude'), copy] });
    assert.equal(summary.filesRead, 8);
    assert.deepEqual(await allTokens(store), CCUSAGE);
    await store.close();
  });

  it('links a sub-agent under its Task call whichever file is read first', async () => {
    for (const order of ['agent-first', 'main-first'] as const) {
      const { store, dir } = setup();
      const shop = join(dir, 'claude', 'projects', '-home-ana-shop');
      const main = join(shop, `${SESSION_B}.jsonl`);
      const agent = join(shop, SESSION_B, 'subagents', `agent-${AGENT_B}.jsonl`);
      const base = { store, env: {}, home: join(dir, 'home') };
      for (const path of order === 'agent-first' ? [agent, main] : [main, agent]) await importTranscripts({ ...base, paths: [path] });
      const spans = await store.getSpans(asSessionId(SESSION_B));
      const sub = spans.find((s) => s.type === 'subagent')!;
      assert.equal(sub.spanId, subagentSpanIdOf(SESSION_B, AGENT_B), order);
      assert.equal(sub.parentSpanId, toolSpanIdOf(SESSION_B, 'toolu_01BBBBBBBBBBBBBBBBBBBBT1'), order);
      assert.equal(sub.model, 'claude-haiku-4-5-20251001', order);
      const underSub = spans.filter((s: Span) => s.parentSpanId === sub.spanId).map((s) => s.type).sort();
      assert.deepEqual(underSub, ['llm_call', 'llm_call', 'tool_call'], order);
      assert.deepEqual(tokens(await sessionOf(store, SESSION_B)), CCUSAGE[SESSION_B], order);
      await store.close();
    }
  });

  it('reports unreadable and non-JSONL files by name and imports the rest', async () => {
    const { store, options, dir } = setup();
    const shop = join(dir, 'claude', 'projects', '-home-ana-shop');
    const notJsonl = join(shop, 'notes.jsonl');
    writeFileSync(notJsonl, 'hello\nworld\n');
    const binary = join(shop, 'image.jsonl');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]));
    const socketPath = join(shop, 'sock.jsonl');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const summary = await importTranscripts({ ...options, paths: [join(dir, 'claude'), socketPath] });
      const byFile = new Map(summary.problems.map((p) => [p.file, p]));
      assert.match(byFile.get(notJsonl)!.message, /not a JSONL transcript/);
      assert.equal(byFile.get(notJsonl)!.line, null);
      assert.match(byFile.get(binary)!.message, /not a JSONL transcript/);
      assert.match(byFile.get(socketPath)!.message, /cannot read file/);
      assert.deepEqual(await allTokens(store), CCUSAGE);
    } finally {
      server.close();
    }
    if (process.getuid?.() !== 0) {
      const locked = join(shop, 'locked.jsonl');
      writeFileSync(locked, '{}\n');
      chmodSync(locked, 0o000);
      const summary = await importTranscripts(options);
      assert.ok(summary.problems.some((p) => p.file === locked && /EACCES|permission/i.test(p.message)));
    }
    await store.close();
  });

  it('skips a 50 MB line without holding it, reports its size, and imports the lines around it', async () => {
    const { store, dir } = setup();
    const folder = join(dir, 'big');
    mkdirSync(folder);
    const file = join(folder, `${SESSION_C}.jsonl`);
    const fixtureLines = readFileSync(join(FIXTURES, 'projects', '-home-ana-blog', `${SESSION_C}.jsonl`), 'utf8').split('\n');
    const huge = `{"type":"user","message":{"content":"${'x'.repeat(50 * 1024 * 1024)}"}}`;
    writeFileSync(file, `${fixtureLines.slice(0, 3).join('\n')}\n`);
    appendFileSync(file, `${huge}\n`);
    appendFileSync(file, `${fixtureLines.slice(3).join('\n')}`);
    const summary = await importTranscripts({ store, env: {}, home: dir, paths: [folder] });
    assert.equal(summary.problems.length, 1);
    const problem = summary.problems[0]!;
    assert.deepEqual([problem.file, problem.line], [file, 4]);
    assert.match(problem.message, new RegExp(`${Buffer.byteLength(huge)} bytes`));
    assert.deepEqual(tokens(await sessionOf(store, SESSION_C)), CCUSAGE[SESSION_C]);
    await store.close();
  });

  it('throws noInput naming the folders searched when there is nothing to import', async () => {
    const dir = join(root, `empty-${++counter}`);
    mkdirSync(join(dir, 'home', '.claude'), { recursive: true });
    const store = SqliteStore.open(join(root, `empty-${counter}.db`));
    await assert.rejects(
      importTranscripts({ store, env: {}, home: join(dir, 'home') }),
      (err: unknown) =>
        err instanceof AgentTraceError &&
        err.kind === 'noInput' &&
        err.message.includes(join(dir, 'home', '.claude', 'projects')) &&
        err.message.includes(join(dir, 'home', '.config', 'claude', 'projects')) &&
        err.message.includes('--path') &&
        err.message.includes('CLAUDE_CONFIG_DIR'),
    );
    mkdirSync(join(dir, 'home', '.claude', 'projects', 'p'), { recursive: true });
    symlinkSync(join(dir, 'missing.jsonl'), join(dir, 'home', '.claude', 'projects', 'p', 'dangling.jsonl'));
    await assert.rejects(importTranscripts({ store, env: {}, home: join(dir, 'home') }), AgentTraceError);
    await store.close();
  });

  it('finds config roots from CLAUDE_CONFIG_DIR (a list) and from the home folder', async () => {
    const { store, dir } = setup();
    const second = join(dir, 'second');
    mkdirSync(join(second, 'projects', 'p'), { recursive: true });
    cpSync(join(dir, 'claude', 'projects', '-home-ana-blog'), join(second, 'projects', 'p'), { recursive: true });
    const listed = await importTranscripts({ store, env: { CLAUDE_CONFIG_DIR: `${join(dir, 'claude')}, ${second}` }, home: '/nowhere' });
    assert.equal(listed.filesScanned, 5);
    const home = join(dir, 'home');
    mkdirSync(join(home, '.config'), { recursive: true });
    cpSync(join(dir, 'claude'), join(home, '.claude'), { recursive: true });
    const fromHome = await importTranscripts({ store, env: {}, home });
    assert.equal(fromHome.filesScanned, 4);
    await store.close();
  });
});

describe('importTranscripts in parse workers', () => {
  /** A store that records every batch it is given (a deep copy, as written) before writing it. */
  const recording = (store: Store): { store: Store; batches: WriteBatch[] } => {
    const batches: WriteBatch[] = [];
    const wrapped = Object.create(store) as Store;
    wrapped.write = (batch) => {
      batches.push(structuredClone(batch));
      return store.write(batch);
    };
    return { store: wrapped, batches };
  };

  /** Imports `paths` into a fresh store with `parseWorkers` workers (0: in this thread). */
  const importWith = async (dir: string, paths: string[], parseWorkers: number, extra: Partial<ImportOptions> = {}) => {
    const db = SqliteStore.open(join(dir, `store-${++counter}-${parseWorkers}.db`));
    const { store, batches } = recording(db);
    const progress: ImportProgress[] = [];
    const summary = await importTranscripts({
      store,
      env: {},
      home: join(dir, 'home'),
      paths,
      parseWorkers,
      onProgress: (p) => progress.push(p),
      ...extra,
    });
    return { db, summary, batches, progress, fileStates: await db.listFileStates() };
  };

  /** Imports `paths` into fresh stores in this thread and with one worker; returns both runs. */
  const bothWays = async (dir: string, paths: string[], extra: Partial<ImportOptions> = {}) => ({
    inline: await importWith(dir, paths, 0, extra),
    worker: await importWith(dir, paths, 1, extra),
  });

  it('writes the same batches, file states, problems and progress as an import in one thread', async () => {
    const dir = join(root, `case-${++counter}`);
    cpSync(FIXTURES, join(dir, 'claude'), { recursive: true });
    cpSync(PARITY_FIXTURES, join(dir, 'parity'), { recursive: true });
    writeFileSync(join(dir, 'claude', 'projects', 'notes.jsonl'), 'hello\nworld\n');
    // Three spans per batch: many batches, several of them ending mid-file with that file's state.
    for (const batchSpans of [3, 4000]) {
      for (const includeContent of [false, true]) {
        const { inline, worker } = await bothWays(dir, [join(dir, 'claude'), join(dir, 'parity')], { batchSpans, includeContent });
        const label = `batchSpans ${batchSpans}, includeContent ${includeContent}`;
        assert.ok(inline.summary.problems.length > 0 && inline.summary.filesRead > 5, label);
        assert.deepEqual(worker.summary, inline.summary, label);
        assert.deepEqual(worker.batches, inline.batches, label);
        assert.deepEqual(worker.progress, inline.progress, label);
        assert.deepEqual(worker.fileStates, inline.fileStates, label);
        if (batchSpans === 3) assert.ok(inline.batches.filter((b) => (b.fileStates?.length ?? 0) > 0).length > 10, label);
        await inline.db.close();
        await worker.db.close();
      }
    }
  });

  it('writes the same as one thread with several workers, files of many reads, and groups of any size', async () => {
    const dir = join(root, `case-${++counter}`);
    cpSync(FIXTURES, join(dir, 'claude'), { recursive: true });
    cpSync(PARITY_FIXTURES, join(dir, 'parity'), { recursive: true });
    writeFileSync(join(dir, 'claude', 'projects', 'notes.jsonl'), 'hello\nworld\n');
    writeFileSync(join(dir, 'claude', 'projects', 'empty.jsonl'), '');
    writeFileSync(join(dir, 'claude', 'projects', 'cut.jsonl'), '{"type":"user"');
    const paths = [join(dir, 'claude'), join(dir, 'parity')];
    // 512-byte reads: most files take several reads, so batches end mid-file with states taken between reads,
    // and some lines outgrow a read.
    for (const batchSpans of [1, 3, 4000]) {
      const extra = { batchSpans, tuning: { chunkBytes: 512 } };
      const inline = await importWith(dir, paths, 0, extra);
      assert.ok(inline.summary.filesRead > 5 && inline.summary.problems.length > 0);
      for (const [workers, groupBytes, groupFiles] of [
        [2, 1, 1],
        [2, 4096, 3],
        [3, 1, 2],
        [3, 1 << 30, 1000],
      ] as const) {
        const run = await importWith(dir, paths, workers, { ...extra, tuning: { ...extra.tuning, groupBytes, groupFiles } });
        const label = `batchSpans ${batchSpans}, ${workers} workers, groups of ${groupBytes} bytes / ${groupFiles} files`;
        assert.deepEqual(run.summary, inline.summary, label);
        assert.deepEqual(run.batches, inline.batches, label);
        assert.deepEqual(run.progress, inline.progress, label);
        assert.deepEqual(run.fileStates, inline.fileStates, label);
        await run.db.close();
      }
      await inline.db.close();
    }
  });

  it('uses workers only for large imports with a second core, and two from TWO_WORKERS_MIN_BYTES', () => {
    assert.equal(defaultParseWorkers(WORKER_MIN_BYTES - 1, 8), 0);
    assert.equal(defaultParseWorkers(10 * TWO_WORKERS_MIN_BYTES, 1), 0);
    assert.equal(defaultParseWorkers(WORKER_MIN_BYTES, 2), 1);
    assert.equal(defaultParseWorkers(TWO_WORKERS_MIN_BYTES - 1, 8), 1);
    assert.equal(defaultParseWorkers(TWO_WORKERS_MIN_BYTES, 2), 2);
    assert.equal(defaultParseWorkers(10 * TWO_WORKERS_MIN_BYTES, 64), MAX_PARSE_WORKERS);
  });

  it('groups consecutive files by bytes to read and count, a larger file alone', () => {
    const file = (size: number, from = 0): PlannedFile => ({
      path: `f${size}`,
      size,
      mtimeMs: 0,
      from: from ? { path: '', size: 0, mtimeMs: 0, offset: from, headHash: '', parserState: null } : null,
    });
    assert.deepEqual(groupFiles([], 10, 5), []);
    assert.deepEqual(groupFiles([file(4), file(4), file(4), file(30), file(1), file(1)], 10, 5), [[0, 2], [2, 3], [3, 4], [4, 6]]);
    // Only the bytes after an appended file's resume point count.
    assert.deepEqual(groupFiles([file(100, 95), file(5), file(5)], 10, 5), [[0, 2], [2, 3]]);
    assert.deepEqual(groupFiles([file(0), file(0), file(0)], 10, 2), [[0, 2], [2, 3]]);
  });

  it('resumes appended files from their saved state as an import in one thread does', async () => {
    const dir = join(root, `case-${++counter}`);
    cpSync(FIXTURES, join(dir, 'claude'), { recursive: true });
    const fileA = join(dir, 'claude', 'projects', '-home-ana-shop', `${SESSION_A}.jsonl`);
    const stores = [0, 1, 2].map((parseWorkers) => ({ parseWorkers, db: SqliteStore.open(join(dir, `store-${parseWorkers}.db`)) }));
    for (const { parseWorkers, db } of stores) await importTranscripts({ store: db, env: {}, home: dir, paths: [join(dir, 'claude')], parseWorkers, tuning: { groupFiles: 1 } });
    appendFileSync(fileA, `${CUT_LINE_FULL.slice(-40)}\n`);
    const results = [];
    for (const { parseWorkers, db } of stores) {
      const summary = await importTranscripts({ store: db, env: {}, home: dir, paths: [join(dir, 'claude')], parseWorkers, tuning: { groupFiles: 1 } });
      results.push({ summary, states: await db.listFileStates(), spans: await db.getSpans(asSessionId(SESSION_A)), session: await sessionOf(db, SESSION_A) });
      await db.close();
    }
    assert.equal(results[0]!.summary.filesRead, 1);
    assert.deepEqual(results[1], results[0]);
    assert.deepEqual(results[2], results[0]);
  });

  it('stops the worker and throws the store error when a write fails', async () => {
    const dir = join(root, `case-${++counter}`);
    cpSync(FIXTURES, join(dir, 'claude'), { recursive: true });
    const db = SqliteStore.open(join(dir, 'store.db'));
    const failing = Object.create(db) as Store;
    let writes = 0;
    failing.write = (batch) => {
      if (++writes === 2) return Promise.reject(new Error('disk full'));
      return db.write(batch);
    };
    await assert.rejects(
      importTranscripts({ store: failing, env: {}, home: dir, paths: [join(dir, 'claude')], parseWorkers: 2, batchSpans: 2, tuning: { groupFiles: 1 } }),
      (err: unknown) => err instanceof AgentTraceError && err.kind === 'store' && /disk full/.test(err.message),
    );
    assert.equal(writes, 2, 'no write after the failed one');
    await db.close();
  });
});

/** The complete form of the line session A's fixture ends with, cut mid-write. */
const CUT_LINE_FULL =
  '{"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/home/ana/shop","sessionId":"9b2c4e7a-1f3d-4c55-9a0e-2d6f8b1c3e47","version":"2.1.197","gitBranch":"main","type":"assistant","requestId":"req_011AAAAAAAAAAAAAAAAAAAA5","uuid":"a0000000-0000-4000-8000-000000000010","timestamp":"2026-11-18T10:07:00.000Z","message":{"id":"msg_01AAAAAAAAAAAAAAAAAAAAA5","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"Running."}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"cache_creation_input_tokens":0,"cache_read_input_tokens":16000,"output_tokens":9,"service_tier":"standard","cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0}}}}';
