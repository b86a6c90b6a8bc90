import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readLines, type ChunkPosition } from './line-reader.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;

const read = async (
  content: string,
  opts: { offset?: number; line?: number; chunkBytes?: number; maxLineBytes?: number; scratch?: Buffer } = {},
) => {
  const path = join(root, `f${++counter}.jsonl`);
  writeFileSync(path, content);
  const lines: Array<[number, string]> = [];
  const long: Array<[number, number]> = [];
  const chunks: ChunkPosition[] = [];
  const result = await readLines(path, {
    offset: opts.offset ?? 0,
    line: opts.line ?? 1,
    limit: statSync(path).size,
    chunkBytes: opts.chunkBytes ?? 16,
    maxLineBytes: opts.maxLineBytes ?? 64,
    ...(opts.scratch ? { scratch: opts.scratch } : {}),
    onLine: (buffer, start, end, n) => lines.push([n, buffer.toString('utf8', start, end)]),
    onLongLine: (n, bytes) => long.push([n, bytes]),
    onChunk: (p) => void chunks.push(p),
  });
  return { lines, long, chunks, result };
};

describe('readLines', () => {
  it('hands over the first read once, before its lines, as the bytes from the offset', async () => {
    const path = join(root, `f${++counter}.jsonl`);
    writeFileSync(path, 'skipped\nabcdefghij\nklmnopqrstuvwxyz\n');
    const events: string[] = [];
    await readLines(path, {
      offset: 8,
      line: 2,
      limit: statSync(path).size,
      chunkBytes: 16,
      onFirstRead: (buffer, bytes) => events.push(`first:${buffer.toString('utf8', 0, bytes)}`),
      onLine: (buffer, start, end) => events.push(buffer.toString('utf8', start, end)),
      onLongLine: () => assert.fail('no long line'),
    });
    assert.deepEqual(events, ['first:abcdefghij\nklmno', 'abcdefghij', 'klmnopqrstuvwxyz']);
  });

  it('splits lines across small reads, numbers them, and strips CR', async () => {
    const text = 'first line\r\n\nsecond: a line longer than one read\nthird\n';
    const { lines, result } = await read(text);
    assert.deepEqual(lines, [
      [1, 'first line'],
      [3, 'second: a line longer than one read'],
      [4, 'third'],
    ]);
    assert.deepEqual([result.offset, result.line, result.linesRead, result.bytesRead], [Buffer.byteLength(text), 5, 4, Buffer.byteLength(text)]);
  });

  it('leaves a last line without newline unconsumed', async () => {
    const { lines, result } = await read('{"a":1}\n{"b":');
    assert.deepEqual(lines, [[1, '{"a":1}']]);
    assert.deepEqual([result.offset, result.line], [8, 2]);
  });

  it('resumes from an offset with the saved line number', async () => {
    const { lines } = await read('one\ntwo\nthree\n', { offset: 4, line: 2 });
    assert.deepEqual(lines, [
      [2, 'two'],
      [3, 'three'],
    ]);
  });

  it('skips a line longer than the limit, reports its size, and goes on', async () => {
    const huge = 'x'.repeat(1000);
    const { lines, long, result } = await read(`ok\n${huge}\né\n${huge}`);
    assert.deepEqual(lines, [
      [1, 'ok'],
      [3, 'é'],
    ]);
    assert.deepEqual(long, [[2, 1000]]);
    assert.equal(result.offset, 3 + 1001 + 3, 'the cut long line at the end is not consumed');
  });

  it('reports each chunk position at a line boundary', async () => {
    const text = 'aaaaaaa\nbbbbbbb\nccccccc\n';
    const { chunks } = await read(text, { chunkBytes: 8 });
    for (const c of chunks) assert.equal(text[c.offset - 1], '\n');
    assert.deepEqual(chunks.at(-1), { offset: text.length, line: 4, last: true });
    assert.ok(chunks.length > 1 && chunks.slice(0, -1).every((c) => !c.last));
  });

  it('marks a read as the last only when no line follows it', async () => {
    // The parse workers take the state at a last read to be the file's final state (read-worker-main.ts).
    for (const text of ['aaaaaaa\nbbbbbbb\nccc', 'a\nb\n', 'aaaaaaa\nbbbbbbbbbbbbbbbbbbbbbbbbbbb\n', `ok\n${'x'.repeat(200)}\nz\n`, 'one line\n']) {
      for (const chunkBytes of [4, 8, 16, 1024]) {
        const path = join(root, `f${++counter}.jsonl`);
        writeFileSync(path, text);
        const events: string[] = [];
        await readLines(path, {
          offset: 0,
          line: 1,
          limit: statSync(path).size,
          chunkBytes,
          maxLineBytes: 64,
          onLine: (_b, _s, _e, n) => events.push(`line ${n}`),
          onLongLine: (n) => events.push(`long ${n}`),
          onChunk: (p) => void events.push(p.last ? 'last' : 'chunk'),
        });
        const lastAt = events.indexOf('last');
        assert.ok(lastAt === -1 || lastAt === events.length - 1, `${JSON.stringify(text)} / ${chunkBytes}: ${events.join(', ')}`);
      }
    }
  });

  it('handles multi-byte characters split between reads', async () => {
    const text = `${'é'.repeat(20)}\n${'日本'.repeat(5)}\n`;
    const { lines } = await read(text, { chunkBytes: 7 });
    assert.deepEqual(lines, [
      [1, 'é'.repeat(20)],
      [2, '日本'.repeat(5)],
    ]);
  });

  it('reads file after file into one reused buffer, lines longer than it and skipped ones included', async () => {
    const scratch = Buffer.alloc(16);
    const texts = ['a first line longer than the buffer\nshort\n', `x\n${'y'.repeat(100)}\nlast one\n`, 'tail without newline\npartial'];
    for (const text of texts) {
      const own = await read(text);
      const shared = await read(text, { scratch });
      assert.deepEqual(shared, own);
    }
  });
});
