import { statSync, type Stats } from 'node:fs';
import { availableParallelism } from 'node:os';
import { AgentTraceError } from '../errors.js';
import type { FileState, Store, WriteBatch } from '../store/types.js';
import { classifyChange } from './file-change.js';
import { readPlannedFiles, type ReadSettings } from './read-files.js';
import { readInWorker } from './read-worker.js';
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
   * Read and parse in a worker thread while this thread runs `process` and the store writes. Default: when the
   * built-in Claude Code adapter has at least WORKER_MIN_BYTES to read and there is a second core. The batches,
   * problems and progress are the same either way; one difference: in a worker, a `process` that throws ends the
   * import with its error (in one thread the batch's records stay for the next write and its file gets a problem).
   */
  parseInWorker?: boolean;
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
 * Below this many bytes to read, the files are parsed in this thread: starting a worker and loading the parser
 * in it took 55-85 ms here, more than the overlap gains on a small append (a 2 MB import took 72-138 ms in one
 * thread, 121-167 ms with a worker). Parsing is about 10 ms per MB of transcript.
 */
export const WORKER_MIN_BYTES = 16 * 1024 * 1024;

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
  if (plan.length > 0) await options.beforeRead?.();

  const progress: ImportProgress = {
    filesDone: summary.filesUnchanged,
    filesTotal: discovery.files.length,
    bytesDone: 0,
    bytesTotal: plan.reduce((sum, f) => sum + f.size - (f.from?.offset ?? 0), 0),
    sessionsSeen: 0,
  };
  options.onProgress?.({ ...progress });

  const settings: ReadSettings = { includeContent: options.includeContent ?? false, batchSpans: options.batchSpans ?? DEFAULT_BATCH_SPANS };
  const pipeline = options.process ?? ((batch: WriteBatch) => batch);
  const onProgress = (p: ImportProgress): void => options.onProgress?.(p);
  // A worker pays only with a second core to run on.
  const inWorker =
    options.parseInWorker ?? (adapter === claudeCodeAdapter && progress.bytesTotal >= WORKER_MIN_BYTES && availableParallelism() > 1);
  const outcome = inWorker
    ? await readInWorker(plan, settings, progress, {
        write: (batch) => writeBatch(options.store, pipeline(batch)),
        progress: onProgress,
      })
    : await readPlannedFiles(plan, adapter, settings, progress, {
        prepare: pipeline,
        write: (batch) => writeBatch(options.store, batch),
        progress: onProgress,
      });
  summary.filesRead = outcome.filesRead;
  summary.bytesRead = outcome.bytesRead;
  summary.linesRead = outcome.linesRead;
  summary.sessions = outcome.sessions;
  summary.spans = outcome.spans;
  problems.push(...outcome.problems);
  return summary;
};

const writeBatch = async (store: Store, batch: WriteBatch): Promise<void> => {
  try {
    await store.write(batch);
  } catch (err) {
    if (err instanceof AgentTraceError) throw err;
    throw new AgentTraceError('store', `cannot write to the store: ${(err as Error).message}`, { cause: err });
  }
};
