import { parentPort, workerData } from 'node:worker_threads';
import type { Span } from '@agent-trace/schema';
import { AgentTraceError } from '../errors.js';
import { READ_CHUNK_BYTES } from './line-reader.js';
import { asError, parseFile, type ChunkEvent } from './read-files.js';
import type { WireEvent, WireHead, WorkerInput, WorkerPart } from './read-worker.js';
import { packedTransferList, packSpans } from './span-transfer.js';
import { claudeCodeAdapter } from './transcripts/claude-code/index.js';

/**
 * A parse worker (see read-worker.ts): takes groups of files off the shared counter, parses them, and posts each
 * group's events in parts of about a batch of spans. It waits while more than `maxUnwrittenSpans` of its spans
 * are posted and not yet taken: the main thread takes groups in plan order, so a worker ahead of the others
 * stops there, and memory stays bounded.
 */

const port = parentPort;
if (!port) throw new Error('read-worker-main runs as a worker thread');
const input = workerData as WorkerInput;
const next = new Int32Array(input.next);
const settings = input.settings;

let unwritten = 0;
let wake: (() => void) | null = null;
const onMessage = (weight: unknown): void => {
  if (typeof weight !== 'number') return;
  unwritten -= weight;
  const resume = wake;
  wake = null;
  resume?.();
};
port.on('message', onMessage);

let events: WireEvent[] = [];
let spans: Span[] = [];

const post = async (group: number, last: boolean): Promise<void> => {
  const packed = packSpans(spans);
  // A part weighs its spans, and at least 1, so parts without spans are bounded too.
  const weight = Math.max(1, spans.length);
  const part: WorkerPart = { group, last, events, packed, spans: packed ? null : spans, weight };
  port.postMessage(part, packed ? packedTransferList(packed) : []);
  events = [];
  spans = [];
  unwritten += weight;
  while (unwritten > input.maxUnwrittenSpans) await new Promise<void>((resolve) => (wake = resolve));
};

type ChunkWire = Extract<WireEvent, { kind: 'chunk' }>;

const wireHead = (head: string | Error): WireHead => (typeof head === 'string' ? head : { error: head.message });

const scratch = Buffer.allocUnsafe(settings.chunkBytes ?? READ_CHUNK_BYTES);

/**
 * The worker's work, as a function rather than top-level await: the build bundles this entry as CommonJS
 * (scripts/bundle-cli.mjs), which has no top-level await.
 */
const run = async (): Promise<void> => {
  for (;;) {
    const group = Atomics.add(next, 0, 1);
    if (group >= input.groups.length) break;
    const [first, end] = input.groups[group]!;
    for (let index = first; index < end; index++) {
      const file = input.plan[index]!;
      /** The file's last read: its state is the state the file ends with, taken once at the end. */
      const last: { event: ChunkWire | null; state: () => string } = { event: null, state: () => '' };
      const onChunk = async (chunk: ChunkEvent): Promise<void> => {
        const event: ChunkWire = {
          kind: 'chunk',
          file: index,
          sessions: chunk.records.sessions,
          spans: chunk.records.spans.length,
          offset: chunk.offset,
          line: chunk.line,
          state: '',
          head: wireHead(chunk.head),
        };
        for (const span of chunk.records.spans) spans.push(span);
        events.push(event);
        if (chunk.last) {
          // Kept in this part with the file's end: encodeState once for the file, not twice (most files are one read).
          last.event = event;
          last.state = chunk.state;
          return;
        }
        event.state = chunk.state();
        if (spans.length >= settings.batchSpans) await post(group, false);
      };
      try {
        const parsed = await parseFile(file, claudeCodeAdapter, settings, scratch, onChunk);
        if (last.event) last.event.state = parsed.state;
        for (const span of parsed.records.spans) spans.push(span);
        events.push({
          kind: 'end',
          file: index,
          sessions: parsed.records.sessions,
          spans: parsed.records.spans.length,
          offset: parsed.offset,
          line: parsed.line,
          state: parsed.state,
          head: wireHead(parsed.head),
          bytesRead: parsed.bytesRead,
          linesRead: parsed.linesRead,
          closing: parsed.closing instanceof Error ? { error: parsed.closing.message } : parsed.closing,
        });
      } catch (err) {
        if (err instanceof AgentTraceError) throw err;
        if (last.event) last.event.state = last.state();
        events.push({ kind: 'failed', file: index, message: asError(err).message });
      }
      if (spans.length >= settings.batchSpans) await post(group, false);
    }
    await post(group, true);
  }
  // Nothing left to wait for: without the listener the worker's event loop empties and it exits.
  port.off('message', onMessage);
};
// A failure is thrown from the worker as an uncaught exception: the importing thread gets it as the worker's 'error'.
run().catch((err: unknown) => {
  process.nextTick(() => {
    throw err;
  });
});
