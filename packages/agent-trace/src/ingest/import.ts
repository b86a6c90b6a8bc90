import { statSync, type Stats } from 'node:fs';
import { availableParallelism } from 'node:os';
import { AgentTraceError } from '../errors.js';
import type { FileState, Store, WriteBatch } from '../store/types.js';
import { classifyChange } from './file-change.js';
import { readPlannedFiles, type ReadOutcome, type ReadSettings } from './read-files.js';
import { readInWorkers } from './read-worker.js';
import { claudeCodeAdapter } from './transcripts/claude-code/index.js';
import type { TranscriptAdapter, TranscriptProblem } from './transcripts/types.js';

export interface ImportOptions {
  store: Store;
  /** The agent whose transcripts are read (Claude Code by default). */
  adapter?: TranscriptAdapter;
  /** Environment and home folder, passed in by the entry point (discovery reads no globals). */
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** Explicit files or folders (`--path`); replaces discovery. */
  paths?: readonly string[];
  /** Put prompt text, tool input and results into `content.*` attributes (privacy tier ≥ 2). Default false. */
  includeContent?: boolean;
  /** The pipeline (redaction, pricing) applied to every batch before it is written. Default: identity. */
  process?: (batch: WriteBatch) => WriteBatch;
  /**
   * Awaited once before the first file is read, and only when some file must be read: the CLI loads and
   * builds its pipeline there, so an import that finds nothing new never loads it.
   */
  beforeRead?: () => Promise<void>;
  onProgress?: (progress: ImportProgress) => void;
  /** Spans per store write (default 4000). */
  batchSpans?: number;
  /**
   * Threads that read and parse while this thread runs `process` and the store writes; 0 reads in this thread.
   * Default: for the built-in Claude Code adapter, defaultParseWorkers (none below WORKER_MIN_BYTES to read or
   * on one core). The batches, problems and progress are the same either way; one difference:
   * with workers, a `process` that throws ends the import with its error (in one thread the batch's records stay
   * for the next write and its file gets a problem).
   */
  parseWorkers?: number;
  /** How the work is cut for parse workers; for tests (small values make many reads and groups). */
  tuning?: ImportTuning;
}

export interface ImportTuning {
  /** Bytes per read (default READ_CHUNK_BYTES). */
  chunkBytes?: number;
  /** Bytes to read per group of consecutive files a worker takes at a time (a larger file makes a group alone). */
  groupBytes?: number;
  /** Files per group at most. */
  groupFiles?: number;
}

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  sessionsSeen: number;
}

export interface ImportSummary {
  /** Files found. */
  filesScanned: number;
  /** Files read (new, appended or replaced). */
  filesRead: number;
  /** Files skipped because nothing changed since the last import. */
  filesUnchanged: number;
  bytesRead: number;
  linesRead: number;
  /** Distinct sessions touched by this import. */
  sessions: number;
  /** Spans written (after merging within each chunk). */
  spans: number;
  problems: TranscriptProblem[];
}

const DEFAULT_BATCH_SPANS = 4000;
/**
 * Below this many bytes to read, the files are parsed in this thread. A worker costs its start (a fresh V8 isolate
 * loading the parser: 60-130 ms here), and its own compilation of the hot code on the V8 background threads, which
 * on 2 cores compete with the parse and the writes. Measured here on 2 cores (importTranscripts into a fresh store,
 * no pipeline, 3-5 runs): the 30 MB bench corpus took 330-440 ms in this thread and 445-520 ms with one worker; a
 * 110 MB part of the 300 MB corpus 1.03-1.20 s in this thread, 1.13-1.30 s with one worker, 1.04-1.29 s with two;
 * the 300 MB corpus 2.6-3.5 s in this thread, 2.2-2.6 s with one or two workers.
 */
export const WORKER_MIN_BYTES = 64 * 1024 * 1024;
/**
 * From this many bytes, two workers. On the 300 MB corpus through the CLI (pipeline included, two sets of 4-5
 * alternating runs) two workers took 2.2-2.9 s (medians 2.5, 2.7) and one 2.3-3.1 s (2.6, 2.8), though two cost
 * ~14% more instructions in all (callgrind, 30 MB corpus) and ~50 MiB more memory: each worker loads and
 * compiles the parser again. A third would not help: this thread's
 * pipeline and store writes (~1.3 s of CPU on the 300 MB corpus) then set the pace.
 */
export const TWO_WORKERS_MIN_BYTES = 128 * 1024 * 1024;
export const MAX_PARSE_WORKERS = 2;
/**
 * Work is dealt to the parse workers in groups of consecutive files of this many bytes: small enough that the
 * workers finish together (a group is ~15 ms of parsing), large enough that posting a group costs little.
 */
const GROUP_BYTES = 2 * 1024 * 1024;
const GROUP_FILES = 64;
/**
 * Batches of spans each worker may have posted and this thread not yet taken: they run ahead while a batch is
 * written, within a bounded memory. 1, 2 and 4 were alike within this machine's noise (2.3-3.4 s); 2 bounds it lower.
 */
const UNWRITTEN_BATCHES = 2;

export interface PlannedFile {
  path: string;
  size: number;
  mtimeMs: number;
  /** Resume point, or null to read from byte 0. */
  from: FileState | null;
}

/**
 * Imports transcripts into the store, reading only what changed since the last import.
 * Records go through `process` and are written in batches; each file's state is written in the
 * batch that holds its last records, so an interrupted import resumes where its writes stopped.
 */
export const importTranscripts = async (options: ImportOptions): Promise<ImportSummary> => {
  const adapter = options.adapter ?? claudeCodeAdapter;
  const discovery = await adapter.discover({ env: options.env, home: options.home, paths: options.paths });
  const problems: TranscriptProblem[] = [...discovery.problems];
  if (discovery.files.length === 0) {
    throw new AgentTraceError(
      'noInput',
      `no ${adapter.agent} transcripts (*.jsonl) found in: ${discovery.searched.join(', ') || '(no folders)'}. ` +
        'Point to them with --path DIR, or set CLAUDE_CONFIG_DIR to the folder that holds projects/.',
    );
  }

  const summary: ImportSummary = {
    filesScanned: discovery.files.length,
    filesRead: 0,
    filesUnchanged: 0,
    bytesRead: 0,
    linesRead: 0,
    sessions: 0,
    spans: 0,
    problems,
  };

  const plan: PlannedFile[] = [];
  // One query for the size and mtime of every saved file, and synchronous stats: per-file awaits made a
  // re-import of 3,743 unchanged files spend most of its time waiting (see find-jsonl.ts). A file whose
  // size and mtime match is unchanged (what classifyChange decides first); the full saved state (parser
  // state, head hash) is read only for the others.
  const stamps = new Map((await options.store.listFileStamps()).map((s) => [s.path, s]));
  for (const path of discovery.files) {
    let info: Stats;
    try {
      info = statSync(path);
    } catch (err) {
      problems.push({ file: path, line: null, message: `cannot read file: ${(err as Error).message}` });
      continue;
    }
    const stamp = stamps.get(path);
    if (stamp !== undefined && stamp.size === info.size && stamp.mtimeMs === info.mtimeMs) {
      summary.filesUnchanged++;
      continue;
    }
    const saved = stamp === undefined ? null : await options.store.getFileState(path);
    try {
      const change = await classifyChange(path, info.size, info.mtimeMs, saved);
      if (change.kind === 'unchanged') summary.filesUnchanged++;
      else plan.push({ path, size: info.size, mtimeMs: info.mtimeMs, from: change.kind === 'appended' ? change.from : null });
    } catch (err) {
      problems.push({ file: path, line: null, message: `cannot read file: ${(err as Error).message}` });
    }
  }
  const progress: ImportProgress = {
    filesDone: summary.filesUnchanged,
    filesTotal: discovery.files.length,
    bytesDone: 0,
    bytesTotal: plan.reduce((sum, f) => sum + f.size - (f.from?.offset ?? 0), 0),
    sessionsSeen: 0,
  };

  const settings: ReadSettings = {
    includeContent: options.includeContent ?? false,
    batchSpans: options.batchSpans ?? DEFAULT_BATCH_SPANS,
    ...(options.tuning?.chunkBytes ? { chunkBytes: options.tuning.chunkBytes } : {}),
  };
  const pipeline = options.process ?? ((batch: WriteBatch) => batch);
  const onProgress = (p: ImportProgress): void => options.onProgress?.(p);
  const workers = options.parseWorkers ?? (adapter === claudeCodeAdapter ? defaultParseWorkers(progress.bytesTotal, availableParallelism()) : 0);
  let outcome: ReadOutcome;
  if (workers > 0 && plan.length > 0) {
    // The workers start before the pipeline is built: they load and parse meanwhile.
    outcome = await readInWorkers(
      plan,
      settings,
      progress,
      {
        before: async () => {
          await options.beforeRead?.();
          options.onProgress?.({ ...progress });
        },
        write: (batch) => writeBatch(options.store, pipeline(batch)),
        progress: onProgress,
      },
      {
        workers,
        groupBytes: options.tuning?.groupBytes ?? GROUP_BYTES,
        groupFiles: options.tuning?.groupFiles ?? GROUP_FILES,
        maxUnwrittenSpans: UNWRITTEN_BATCHES * settings.batchSpans,
      },
    );
  } else {
    if (plan.length > 0) await options.beforeRead?.();
    options.onProgress?.({ ...progress });
    outcome = await readPlannedFiles(plan, adapter, settings, progress, {
      prepare: pipeline,
      write: (batch) => writeBatch(options.store, batch),
      progress: onProgress,
    });
  }
  summary.filesRead = outcome.filesRead;
  summary.bytesRead = outcome.bytesRead;
  summary.linesRead = outcome.linesRead;
  summary.sessions = outcome.sessions;
  summary.spans = outcome.spans;
  problems.push(...outcome.problems);
  return summary;
};

/** Parse workers for an import of `bytes` on `cores` cores: workers pay only with a second core to run on. */
export const defaultParseWorkers = (bytes: number, cores: number): number => {
  if (cores < 2 || bytes < WORKER_MIN_BYTES) return 0;
  return bytes < TWO_WORKERS_MIN_BYTES ? 1 : Math.min(cores, MAX_PARSE_WORKERS);
};

const writeBatch = async (store: Store, batch: WriteBatch): Promise<void> => {
  try {
    await store.write(batch);
  } catch (err) {
    if (err instanceof AgentTraceError) throw err;
    throw new AgentTraceError('store', `cannot write to the store: ${(err as Error).message}`, { cause: err });
  }
};
