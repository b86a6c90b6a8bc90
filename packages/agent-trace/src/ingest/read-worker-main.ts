import { parentPort, workerData } from 'node:worker_threads';
import type { WriteBatch } from '../store/types.js';
import type { ImportProgress } from './import.js';
import { readPlannedFiles, type ReadSink } from './read-files.js';
import { BATCH_WRITTEN, type WorkerInput, type WorkerMessage } from './read-worker.js';
import { packSpans } from './span-transfer.js';
import { claudeCodeAdapter } from './transcripts/claude-code/index.js';

/**
 * Batches posted but not yet written that the worker may run ahead by: one being written while the next is
 * parsed keeps both threads busy, and memory stays bounded to a couple of batches.
 */
const MAX_UNWRITTEN = 1;
/**
 * Progress reports are held and sent with the next batch, or after this long: one message per file (3,743 on
 * the bench corpus) took about 0.2 s of the worker in a profile.
 */
const PROGRESS_EVERY_MS = 100;

const port = parentPort;
if (!port) throw new Error('read-worker-main runs as a worker thread');
const input = workerData as WorkerInput;

let unwritten = 0;
let wake: (() => void) | null = null;
const onMessage = (message: unknown): void => {
  if (message !== BATCH_WRITTEN) return;
  unwritten--;
  const resume = wake;
  wake = null;
  resume?.();
};
port.on('message', onMessage);

let progress: ImportProgress[] = [];
let lastPost = performance.now();
/** A message without its progress list (distributed over the union, so each kind keeps its fields). */
type Bare<M> = M extends unknown ? Omit<M, 'progress'> : never;
/** Sends a message with the progress held so far. */
const post = (message: Bare<WorkerMessage>, transfer: ArrayBuffer[] = []): void => {
  port.postMessage({ ...message, progress } as WorkerMessage, transfer);
  progress = [];
  lastPost = performance.now();
};
const sink: ReadSink = {
  write: async (batch: WriteBatch) => {
    const packed = batch.spans ? packSpans(batch.spans) : null;
    if (packed) post({ kind: 'batch', batch: { sessions: batch.sessions, fileStates: batch.fileStates }, packed }, [packed.numbers.buffer as ArrayBuffer, packed.times.buffer as ArrayBuffer]);
    else post({ kind: 'batch', batch, packed: null });
    unwritten++;
    while (unwritten > MAX_UNWRITTEN) await new Promise<void>((resolve) => (wake = resolve));
  },
  progress: (report) => {
    progress.push(report);
    if (performance.now() - lastPost >= PROGRESS_EVERY_MS) post({ kind: 'progress' });
  },
};

const outcome = await readPlannedFiles(input.plan, claudeCodeAdapter, input.settings, input.start, sink);
post({ kind: 'done', outcome });
// Nothing left to wait for: without the listener the worker's event loop empties and it exits.
port.off('message', onMessage);
