import { Worker } from 'node:worker_threads';
import type { WriteBatch } from '../store/types.js';
import type { ImportProgress, PlannedFile } from './import.js';
import type { ReadOutcome, ReadSettings } from './read-files.js';
import { unpackSpans, type PackedSpans } from './span-transfer.js';

/**
 * Reading and parsing in a worker thread, for the built-in Claude Code adapter. The worker runs the same
 * readPlannedFiles as an import in one thread and posts its batches, progress and outcome in order; this
 * thread runs the pipeline and the store writes on them meanwhile. On the 300 MB bench corpus, parsing
 * and writing took about 2.0 s and 1.5 s of one thread; overlapped on two cores, the import takes about
 * the longer of the two.
 */

export interface WorkerInput {
  plan: readonly PlannedFile[];
  settings: ReadSettings;
  start: ImportProgress;
}

/**
 * Worker → this thread. Progress reports are sent in groups, each before the batch written after them, so they
 * are handled in the order an import in one thread makes them. This thread answers each batch with
 * `BATCH_WRITTEN` once it is written.
 */
export type WorkerMessage =
  | { kind: 'batch'; progress: ImportProgress[]; batch: WriteBatch; packed: PackedSpans | null }
  | { kind: 'progress'; progress: ImportProgress[] }
  | { kind: 'done'; progress: ImportProgress[]; outcome: ReadOutcome };

export const BATCH_WRITTEN = 'written';

export interface WorkerHandlers {
  /** Runs the pipeline on a batch and writes it. A throw ends the import: the worker is stopped. */
  write(batch: WriteBatch): Promise<void>;
  progress(progress: ImportProgress): void;
}

/**
 * The worker: the compiled read-worker-main.js beside this module. When this module is itself TypeScript run
 * through tsx (the tests), the worker does not inherit tsx's loader, so it registers it before loading the .ts entry.
 */
const startWorker = (input: WorkerInput): Worker => {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./read-worker-main.js', import.meta.url), { workerData: input });
  const entry = new URL('./read-worker-main.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData: input });
};

export const readInWorker = (
  plan: readonly PlannedFile[],
  settings: ReadSettings,
  start: ImportProgress,
  handlers: WorkerHandlers,
): Promise<ReadOutcome> =>
  new Promise<ReadOutcome>((resolve, reject) => {
    const worker = startWorker({ plan, settings, start });
    let outcome: ReadOutcome | null = null;
    let failed = false;
    let failure: unknown;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      failure = err;
      void worker.terminate();
    };
    // Messages are handled one after another: a batch is written before the progress and batches after it.
    let queue = Promise.resolve();
    worker.on('message', (message: WorkerMessage) => {
      queue = queue
        .then(async () => {
          if (failed) return;
          for (const progress of message.progress) handlers.progress(progress);
          if (message.kind === 'batch') {
            const { batch, packed } = message;
            await handlers.write(packed ? { sessions: batch.sessions, spans: unpackSpans(packed), fileStates: batch.fileStates } : batch);
            worker.postMessage(BATCH_WRITTEN);
          } else if (message.kind === 'done') {
            outcome = message.outcome;
          }
        })
        .catch(fail);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      // Messages posted before the worker ended are all queued by now; settle after they are handled.
      void queue.then(() => {
        if (failed) reject(failure instanceof Error ? failure : new Error(String(failure)));
        else if (outcome) resolve(outcome);
        else reject(new Error(`the import worker stopped before it finished (exit code ${code})`));
      });
    });
  });
