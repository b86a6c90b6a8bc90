import { statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Span } from '@agent-trace/schema';
import { AgentTraceError } from '../errors.js';
import type { FileState, SessionUpsert, Store, WriteBatch } from '../store/types.js';
import { classifyChange, headHashOf } from './file-change.js';
import { READ_CHUNK_BYTES, readLines } from './line-reader.js';
import { claudeCodeAdapter } from './transcripts/claude-code/index.js';
import type { TranscriptAdapter, TranscriptParser, TranscriptProblem } from './transcripts/types.js';

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
/** Problems kept per file; the rest are counted in one closing problem. */
const MAX_PROBLEMS_PER_FILE = 50;

/** What the engine saves in FileState.parserState: the line number at the offset, and the adapter's own state. */
interface SavedPosition {
  line: number;
  parser: string;
}

const decodePosition = (text: string | null): SavedPosition | null => {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as SavedPosition;
    return typeof value.line === 'number' && typeof value.parser === 'string' ? value : null;
  } catch {
    return null;
  }
};

interface PlannedFile {
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

  const writer = new BatchWriter(options);
  const scratch = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  const progress: ImportProgress = {
    filesDone: summary.filesUnchanged,
    filesTotal: discovery.files.length,
    bytesDone: 0,
    bytesTotal: plan.reduce((sum, f) => sum + f.size - (f.from?.offset ?? 0), 0),
    sessionsSeen: 0,
  };
  options.onProgress?.({ ...progress });

  for (const file of plan) {
    const before = summary.bytesRead;
    try {
      await importFile(file, adapter, options, writer, summary, progress, scratch);
      summary.filesRead++;
    } catch (err) {
      if (err instanceof AgentTraceError) throw err;
      problems.push({ file: file.path, line: null, message: `cannot read file: ${(err as Error).message}` });
    }
    progress.filesDone++;
    progress.bytesDone += summary.bytesRead - before;
    progress.sessionsSeen = writer.sessionIds.size;
    options.onProgress?.({ ...progress });
  }
  await writer.flush();
  summary.sessions = writer.sessionIds.size;
  summary.spans = writer.spansWritten;
  progress.sessionsSeen = writer.sessionIds.size;
  return summary;
};

const importFile = async (
  file: PlannedFile,
  adapter: TranscriptAdapter,
  options: ImportOptions,
  writer: BatchWriter,
  summary: ImportSummary,
  progress: ImportProgress,
  scratch: Buffer,
): Promise<void> => {
  const resume = file.from ? decodePosition(file.from.parserState) : null;
  const startOffset = resume && file.from ? file.from.offset : 0;
  const parser: TranscriptParser = adapter.createParser({
    file: file.path,
    state: resume?.parser ?? null,
    includeContent: options.includeContent ?? false,
  });
  const headHash = await headHashOf(file.path, file.size);
  const fileProblems: TranscriptProblem[] = [];
  let goodLines = 0;
  let badLines = 0;
  const report = (problem: TranscriptProblem): void => {
    badLines++;
    if (fileProblems.length < MAX_PROBLEMS_PER_FILE) fileProblems.push(problem);
  };
  const stateAt = (offset: number, line: number): FileState => ({
    path: file.path,
    size: file.size,
    mtimeMs: file.mtimeMs,
    offset,
    headHash,
    parserState: JSON.stringify({ line, parser: parser.saveState() } satisfies SavedPosition),
  });

  const result = await readLines(file.path, {
    offset: startOffset,
    line: resume?.line ?? 1,
    limit: file.size,
    scratch,
    onLine: (buffer, start, end, lineNumber) => {
      const problem = parser.line(buffer, start, end, lineNumber);
      if (problem) report(problem);
      else goodLines++;
    },
    onLongLine: (lineNumber, bytes) => {
      report({ file: file.path, line: lineNumber, message: `line of ${bytes} bytes is longer than the limit and was skipped` });
    },
    onChunk: async (position) => {
      writer.add(parser.drain());
      if (writer.full()) {
        writer.addFileState(stateAt(position.offset, position.line));
        await writer.flush();
        progress.sessionsSeen = writer.sessionIds.size;
        options.onProgress?.({ ...progress, bytesDone: progress.bytesDone + position.offset - startOffset });
      }
    },
  });
  writer.add(parser.drain());
  writer.addFileState(stateAt(result.offset, result.line));
  if (writer.full()) await writer.flush();

  summary.bytesRead += result.bytesRead;
  summary.linesRead += result.linesRead;
  const readFromStart = startOffset === 0;
  if (readFromStart && goodLines === 0 && badLines > 0) {
    summary.problems.push({ file: file.path, line: null, message: `not a JSONL transcript (${fileProblems[0]?.message ?? 'no valid line'})` });
    return;
  }
  if (readFromStart && result.linesRead === 0 && file.size > 0 && !(await startsWithBrace(file.path))) {
    summary.problems.push({ file: file.path, line: null, message: 'not a JSONL transcript (no complete line, and it does not start with "{")' });
    return;
  }
  summary.problems.push(...fileProblems);
  if (badLines > fileProblems.length) {
    summary.problems.push({ file: file.path, line: null, message: `${badLines - fileProblems.length} more bad lines not listed` });
  }
};

const startsWithBrace = async (path: string): Promise<boolean> => {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buffer, 0, 64, 0);
    const text = buffer.toString('utf8', 0, bytesRead).trimStart();
    return text.startsWith('{');
  } finally {
    await handle.close();
  }
};

/** Collects records across files and writes them in batches of about `batchSpans` spans. */
class BatchWriter {
  readonly sessionIds = new Set<string>();
  spansWritten = 0;
  private sessions: SessionUpsert[] = [];
  private spans: Span[] = [];
  private fileStates: FileState[] = [];
  private readonly limit: number;
  private readonly store: Store;
  private readonly process: (batch: WriteBatch) => WriteBatch;

  constructor(options: ImportOptions) {
    this.limit = options.batchSpans ?? DEFAULT_BATCH_SPANS;
    this.store = options.store;
    this.process = options.process ?? ((batch) => batch);
  }

  add(records: { sessions: SessionUpsert[]; spans: Span[] }): void {
    for (const s of records.sessions) {
      this.sessions.push(s);
      this.sessionIds.add(s.id);
    }
    for (const span of records.spans) this.spans.push(span);
  }

  addFileState(state: FileState): void {
    this.fileStates.push(state);
  }

  full(): boolean {
    return this.spans.length >= this.limit;
  }

  async flush(): Promise<void> {
    if (this.sessions.length === 0 && this.spans.length === 0 && this.fileStates.length === 0) return;
    const batch = this.process({ sessions: this.sessions, spans: this.spans, fileStates: this.fileStates });
    this.spansWritten += this.spans.length;
    this.sessions = [];
    this.spans = [];
    this.fileStates = [];
    try {
      await this.store.write(batch);
    } catch (err) {
      if (err instanceof AgentTraceError) throw err;
      throw new AgentTraceError('store', `cannot write to the store: ${(err as Error).message}`, { cause: err });
    }
  }
}
