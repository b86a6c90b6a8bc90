import type { Worker } from 'node:worker_threads';
import type { Span } from '@agent-trace/schema';
import { startWorker } from '../util/start-worker.js';
import type { SessionUpsert, WriteBatch } from '../store/types.js';
import type { ImportProgress, PlannedFile } from './import.js';
import { BatchAssembler, type ParsedFile, type ReadOutcome, type ReadSettings } from './read-files.js';
import { unpackSpans, type PackedSpans } from './span-transfer.js';
import type { TranscriptProblem } from './transcripts/types.js';

/**
 * Reading and parsing in worker threads, for the built-in Claude Code adapter. The planned files are cut into
 * groups of consecutive files; each worker takes the next group not yet taken (a shared counter), parses its
 * files with the same parseFile as an import in one thread, and posts what each read produced. This thread
 * takes the groups strictly in plan order and feeds their reads to the same BatchAssembler, which runs the
 * pipeline and the store writes: the batches, file states, problems and progress are those of an import in one
 * thread, whichever worker parsed which file and whichever finished first.
 *
 * On the 300 MB bench corpus parsing takes ~2.2 s of one thread and writing ~1.2 s of another: with one worker the
 * import took as long as the parse; with two, three threads share the two cores (see import.ts for the figures).
 */

export interface WorkerInput {
  plan: readonly PlannedFile[];
  settings: ReadSettings;
  /** Each group's files, [first, end) indexes into `plan`, in plan order. */
  groups: ReadonlyArray<readonly [number, number]>;
  /** One Int32: the next group to take (Atomics.add). */
  next: SharedArrayBuffer;
  /** Spans a worker may have posted that this thread has not taken yet; it waits beyond that. */
  maxUnwrittenSpans: number;
}

/** The file's head hash, or the message of the error reading it gave. */
export type WireHead = string | { error: string };

/** One event of a file, as the worker posts it (see ChunkEvent and ParsedFile); `spans` counts its spans. */
export type WireEvent =
  | { kind: 'chunk'; file: number; sessions: SessionUpsert[]; spans: number; offset: number; line: number; state: string; head: WireHead }
  | {
      kind: 'end';
      file: number;
      sessions: SessionUpsert[];
      spans: number;
      offset: number;
      line: number;
      state: string;
      head: WireHead;
      bytesRead: number;
      linesRead: number;
      closing: TranscriptProblem[] | { error: string };
    }
  | { kind: 'failed'; file: number; message: string };

/**
 * Worker → this thread: events of one group, in file order; the events' spans, in order, packed (or as they are
 * when packSpans cannot carry them). `last` ends the group. This thread answers each part with its `weight` once
 * it has taken it.
 */
export interface WorkerPart {
  group: number;
  last: boolean;
  events: WireEvent[];
  packed: PackedSpans | null;
  spans: Span[] | null;
  weight: number;
}

export interface WorkerHandlers {
  /**
   * Awaited after the workers start and before the first batch is written (the import builds its pipeline there,
   * while the workers load and begin parsing). A throw stops the workers and ends the import.
   */
  before?(): Promise<void>;
  /** Runs the pipeline on a batch and writes it. A throw ends the import: the workers are stopped. */
  write(batch: WriteBatch): Promise<void>;
  progress(progress: ImportProgress): void;
}

/** Cuts the plan into groups of consecutive files of about `groupBytes` bytes to read (a larger file alone). */
export const groupFiles = (plan: readonly PlannedFile[], groupBytes: number, groupFiles: number): Array<[number, number]> => {
  const groups: Array<[number, number]> = [];
  let first = 0;
  let bytes = 0;
  for (let i = 0; i < plan.length; i++) {
    const file = plan[i]!;
    const size = Math.max(0, file.size - (file.from?.offset ?? 0));
    if (i > first && (bytes + size > groupBytes || i - first >= groupFiles)) {
      groups.push([first, i]);
      first = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (first < plan.length) groups.push([first, plan.length]);
  return groups;
};

/** A parse worker (from its bundle when the build made one: util/start-worker.ts). */
const startParseWorker = (input: WorkerInput): Worker => startWorker(import.meta.url, 'read-worker-main', { workerData: input });

export interface WorkerOptions {
  workers: number;
  groupBytes: number;
  groupFiles: number;
  maxUnwrittenSpans: number;
}

const errorOf = (head: WireHead): string | Error => (typeof head === 'string' ? head : new Error(head.error));

export const readInWorkers = (
  plan: readonly PlannedFile[],
  settings: ReadSettings,
  start: ImportProgress,
  handlers: WorkerHandlers,
  options: WorkerOptions,
): Promise<ReadOutcome> =>
  new Promise<ReadOutcome>((resolve, reject) => {
    const groups = groupFiles(plan, options.groupBytes, options.groupFiles);
    const input: WorkerInput = { plan, settings, groups, next: new SharedArrayBuffer(4), maxUnwrittenSpans: options.maxUnwrittenSpans };
    const count = Math.max(1, Math.min(options.workers, groups.length));
    const workers = groups.length === 0 ? [] : Array.from({ length: count }, () => startParseWorker(input));
    let failed = false;
    let settled = false;
    const fail = (err: unknown): void => {
      if (failed || settled) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      reject(err instanceof Error ? err : new Error(String(err)));
    };

    /** A write error ends the import; any other error while taking a file's events is that file's problem. */
    let writeError: { error: unknown } | null = null;
    const assembler = new BatchAssembler(
      settings.batchSpans,
      {
        write: async (batch) => {
          try {
            await handlers.write(batch);
          } catch (err) {
            writeError = { error: err };
            throw err;
          }
        },
        progress: (p) => handlers.progress(p),
      },
      start,
    );

    /** Parts received and not yet taken, by group; the group being taken, and the file open in it. */
    const parts = new Map<number, Array<{ part: WorkerPart; from: Worker }>>();
    let group = 0;
    let openFile = -1;
    let fileFailed = false;
    let ready = false;
    let pumping = false;
    let finishing = false;
    let exited = 0;

    const take = async (part: WorkerPart): Promise<void> => {
      const spans = part.packed ? unpackSpans(part.packed) : (part.spans ?? []);
      let at = 0;
      for (const event of part.events) {
        if (event.file !== openFile) {
          openFile = event.file;
          fileFailed = false;
          assembler.startFile(plan[event.file]!);
        }
        const eventSpans = event.kind === 'failed' ? [] : spans.slice(at, (at += event.spans));
        if (!fileFailed) {
          try {
            if (event.kind === 'chunk') {
              await assembler.chunk({
                records: { sessions: event.sessions, spans: eventSpans },
                offset: event.offset,
                line: event.line,
                state: () => event.state,
                head: errorOf(event.head),
                last: false,
              });
            } else if (event.kind === 'end') {
              const parsed: ParsedFile = {
                records: { sessions: event.sessions, spans: eventSpans },
                offset: event.offset,
                line: event.line,
                state: event.state,
                head: errorOf(event.head),
                bytesRead: event.bytesRead,
                linesRead: event.linesRead,
                closing: Array.isArray(event.closing) ? event.closing : new Error(event.closing.error),
              };
              await assembler.end(parsed);
            } else {
              throw new Error(event.message);
            }
          } catch (err) {
            if (writeError) throw writeError.error;
            fileFailed = true;
            assembler.fail(err);
          }
        }
        if (event.kind !== 'chunk') {
          assembler.endFile();
          openFile = -1;
        }
      }
    };

    /** Takes the parts of the group due, in order, as long as they are there; one pump at a time. */
    const pump = async (): Promise<void> => {
      if (pumping || !ready || failed) return;
      pumping = true;
      try {
        for (;;) {
          const queue = parts.get(group);
          const next = queue?.shift();
          if (!next) break;
          await take(next.part);
          if (failed) return;
          next.from.postMessage(next.part.weight);
          if (next.part.last) {
            parts.delete(group);
            group++;
          }
        }
        if (group === groups.length) {
          if (finishing) return;
          finishing = true;
          const outcome = await assembler.finish();
          settled = true;
          resolve(outcome);
        } else if (exited === workers.length) {
          fail(new Error('an import worker stopped before it finished'));
        }
      } finally {
        pumping = false;
      }
    };
    const kick = (): void => void pump().catch(fail);

    for (const worker of workers) {
      worker.on('message', (part: WorkerPart) => {
        let queue = parts.get(part.group);
        if (!queue) parts.set(part.group, (queue = []));
        queue.push({ part, from: worker });
        if (part.group === group) kick();
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        exited++;
        if (code !== 0) fail(new Error(`an import worker stopped with exit code ${code}`));
        else kick();
      });
    }

    // The workers load and start parsing while the pipeline is built.
    void (async () => {
      await handlers.before?.();
      ready = true;
      kick();
    })().catch(fail);
  });
