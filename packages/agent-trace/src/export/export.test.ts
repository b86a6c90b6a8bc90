import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cacheWriteTokens, makeSpan, type Session, type SessionId, type Span } from '@agent-trace/schema';
import { defaultConfig } from '../config/config.js';
import { importTranscripts } from '../ingest/import.js';
import { decodeTracesJson } from '../ingest/otlp/json-traces.js';
import { RejectionList } from '../ingest/otlp/rejection.js';
import { createPipeline } from '../pipeline/index.js';
import { createPriceBook } from '../pricing/index.js';
import { spanToJson } from '../query/span-json.js';
import { sessionToJson } from '../query/session-json.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { fixturesDir } from '../test-support/paths.js';
import { CSV_COLUMNS, csvCell } from './csv.js';
import { exportSessions, fileSink, type ExportFormat } from './index.js';

const EDGE = join(fixturesDir, 'claude-code', 'edge-cases', 'projects');

/** A minimal RFC 4180 reader, to check that what csv.ts writes reads back cell for cell. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  assert.equal(cell + row.join(''), '', 'the text ends with a complete row');
  return rows;
};

describe('export', () => {
  let dir = '';
  let store: SqliteStore;
  let sessions: Session[] = [];
  const spansOf = new Map<string, Span[]>();

  const run = async (format: ExportFormat, ids?: SessionId[]): Promise<{ text: string; summary: Awaited<ReturnType<typeof exportSessions>> }> => {
    let text = '';
    const summary = await exportSessions({ store, format, version: '9.9.9', ...(ids ? { sessionIds: ids } : { filter: {} }), sink: async (c) => void (text += c) });
    return { text, summary };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agent-trace-export-'));
    store = SqliteStore.open(join(dir, 'store.db'));
    const pipeline = createPipeline(defaultConfig(), createPriceBook({}), { salt: 'ab'.repeat(32) });
    await importTranscripts({ store, env: {}, home: dir, paths: [EDGE], process: (b) => pipeline.process(b) });
    sessions = await store.listSessions({ sort: 'start', order: 'asc', limit: 1000, offset: 0 });
    assert.ok(sessions.length >= 2, 'the fixtures hold several sessions');
    for (const s of sessions) spansOf.set(s.id, await store.getSpans(s.id));
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('jsonl: a session line then its spans, the same objects as the API, every session oldest first', async () => {
    const { text, summary } = await run('jsonl');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string; session?: unknown; sessionId?: string; span?: unknown });
    const expected: unknown[] = [];
    for (const s of sessions) {
      expected.push({ kind: 'session', session: JSON.parse(JSON.stringify(sessionToJson(s))) });
      for (const span of spansOf.get(s.id)!) expected.push({ kind: 'span', sessionId: s.id, span: JSON.parse(JSON.stringify(spanToJson(span))) });
    }
    assert.deepEqual(lines, expected);
    assert.equal(summary.sessions, sessions.length);
    assert.equal(summary.spans, [...spansOf.values()].reduce((n, s) => n + s.length, 0));
    assert.equal(summary.bytes, Buffer.byteLength(text));
  });

  it('otlp-json: one request per session that our own OTLP decoder reads back without a rejection, ids, times and usage intact', async () => {
    const { text } = await run('otlp-json');
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, sessions.length);
    for (const [i, line] of lines.entries()) {
      const session = sessions[i]!;
      const rejections = new RejectionList();
      const decoded = decodeTracesJson(JSON.parse(line), rejections);
      assert.equal(rejections.count, 0, rejections.summary());
      assert.equal(decoded.length, 1);
      const resource = decoded[0]!;
      assert.equal(resource.resource['service.name'], session.agent);
      assert.equal(resource.resource['session.id'], session.id);
      const spans = resource.scopes[0]!.items;
      const stored = spansOf.get(session.id)!;
      assert.deepEqual(
        spans.map((s) => [s.traceId, s.spanId, s.parentSpanId, s.name, s.startNs, s.statusCode]),
        stored.map((s) => [s.traceId, s.spanId, s.parentSpanId ?? '', s.name, s.startNs, { unset: 0, ok: 1, error: 2 }[s.status]]),
      );
      let input = 0;
      let expectedInput = 0;
      for (const [j, s] of spans.entries()) {
        const original = stored[j]!;
        assert.equal(s.endNs, original.endNs ?? original.startNs);
        assert.equal(s.kind, original.type === 'llm_call' ? 3 : 1);
        assert.equal(s.attributes['agent_trace.span.type'], original.type);
        if (original.usage) {
          const u = original.usage;
          expectedInput += u.input + u.cacheRead + cacheWriteTokens(u);
          input += s.attributes['gen_ai.usage.input_tokens'] as number;
          assert.equal(s.attributes['gen_ai.usage.output_tokens'], u.output);
          assert.equal(s.attributes['gen_ai.request.model'], original.model);
        }
        if (original.costUsd !== null) assert.equal(s.attributes['agent_trace.cost_usd'], original.costUsd);
        for (const [key, value] of Object.entries(original.attributes)) assert.deepEqual(s.attributes[key], value, key);
      }
      assert.equal(input, expectedInput);
    }
  });

  it('csv: a header and one row per span that read back cell for cell', async () => {
    const { text } = await run('csv');
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
    const all = sessions.flatMap((s) => spansOf.get(s.id)!.map((span) => [s, span] as const));
    assert.equal(rows.length - 1, all.length);
    for (const [i, [session, span]] of all.entries()) {
      const row = rows[i + 1]!;
      assert.equal(row.length, CSV_COLUMNS.length);
      const cell = (name: (typeof CSV_COLUMNS)[number]): string => row[CSV_COLUMNS.indexOf(name)]!;
      assert.equal(cell('session_id'), session.id);
      assert.equal(cell('span_id'), span.spanId);
      assert.equal(cell('type'), span.type);
      assert.equal(cell('input_tokens'), span.usage ? String(span.usage.input) : '');
      assert.equal(cell('cost_usd'), span.costUsd === null ? '' : String(span.costUsd));
    }
  });

  it('csv cells: quotes, commas and newlines quoted; formulas defused; numbers and nulls plain', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('-cmd'), "'-cmd");
    assert.equal(csvCell(-1.5), '-1.5');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(Number.NaN), '');
  });

  it('named sessions only, in the order given; unknown ids are skipped by the library (the CLI refuses them first)', async () => {
    const ids = [sessions[1]!.id, sessions[0]!.id, 'no-such-session' as SessionId];
    const { text, summary } = await run('jsonl', ids);
    const heads = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; session?: { id: string } })
      .filter((l) => l.kind === 'session')
      .map((l) => l.session!.id);
    assert.deepEqual(heads, [sessions[1]!.id, sessions[0]!.id]);
    assert.equal(summary.sessions, 2);
  });

  it('a filter that matches nothing writes nothing (csv: the header only)', async () => {
    let text = '';
    const summary = await exportSessions({ store, format: 'csv', version: '1', filter: { agent: 'codex' }, sink: async (c) => void (text += c) });
    assert.equal(summary.sessions, 0);
    assert.equal(text, CSV_COLUMNS.join(',') + '\r\n');
  });

  it('pages through more sessions than one store query returns', async () => {
    const big = SqliteStore.open(join(dir, 'big.db'));
    try {
      const base = 1_800_000_000_000_000_000n;
      const n = 450;
      const sessionsIn = Array.from({ length: n }, (_, i) => ({ id: `s-${String(i).padStart(4, '0')}` as SessionId, startNs: base + BigInt(i) }));
      await big.write({
        sessions: sessionsIn.map((s) => ({ id: s.id, traceId: 'ab'.repeat(16) as Span['traceId'], agent: 'claude-code' as const, startNs: s.startNs })),
        spans: sessionsIn.map((s) =>
          makeSpan({ traceId: 'ab'.repeat(16) as Span['traceId'], spanId: s.id.slice(2).padStart(16, '0') as Span['spanId'], parentSpanId: null, sessionId: s.id, name: 'session', type: 'session', startNs: s.startNs, endNs: s.startNs + 1n, status: 'ok', source: 'transcript' }),
        ),
      });
      let text = '';
      const summary = await exportSessions({ store: big, format: 'jsonl', version: '1', filter: {}, sink: async (c) => void (text += c) });
      assert.equal(summary.sessions, n);
      const ids = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string; session?: { id: string } }).filter((l) => l.kind === 'session').map((l) => l.session!.id);
      assert.deepEqual(ids, sessionsIn.map((s) => s.id));
    } finally {
      await big.close();
    }
  });

  it('file sink: written as .partial with mode 0600, renamed on commit; abort leaves the old file alone', async () => {
    const path = join(dir, 'out.jsonl');
    writeFileSync(path, 'previous\n', { mode: 0o644 });
    const failed = fileSink(path);
    await failed.sink('half');
    assert.equal(statSync(`${path}.partial`).mode & 0o777, 0o600);
    failed.abort();
    assert.equal(readFileSync(path, 'utf8'), 'previous\n');
    assert.throws(() => statSync(`${path}.partial`));
    const ok = fileSink(path);
    await ok.sink('one\n');
    await ok.sink('two\n');
    ok.commit();
    assert.equal(readFileSync(path, 'utf8'), 'one\ntwo\n');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });
});
