import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Span } from '@agent-trace/schema';
import { AgentTraceError } from '../errors.js';
import type { FileState, SessionUpsert, WriteBatch } from '../store/types.js';
import { HEAD_BYTES, headHashOf } from './file-change.js';
import { READ_CHUNK_BYTES, readLines } from './line-reader.js';
import type { ImportProgress, PlannedFile } from './import.js';
import type { TranscriptAdapter, TranscriptParser, TranscriptProblem } from './transcripts/types.js';

/**
 * The reading half of an import: planned files → parsed records in batches, with each file's state in the
 * batch that holds its last records. It knows nothing of the store: batches go to a sink, in order. The same
 * code runs in the importing thread (small imports) or in a worker thread (see import-worker.ts), so both
 * produce the same batches, problems and progress.
 */

/** Problems kept per file; the rest are counted in one closing problem. */
const MAX_PROBLEMS_PER_FILE = 50;

export interface ReadSettings {
  includeContent: boolean;
  /** Spans per batch. */
  batchSpans: number;
}

/** Where the batches and progress go; `write` is awaited before reading on, so the sink sets the pace. */
export interface ReadSink {
  /**
   * Runs on a batch before it leaves the writer (the import's pipeline, when it runs in this thread). A throw
   * keeps the records for the next batch, as the import did before batches could go to another thread.
   */
  prepare?(batch: WriteBatch): WriteBatch;
  write(batch: WriteBatch): Promise<void>;
  progress(progress: ImportProgress): void;
}

export interface ReadOutcome {
  filesRead: number;
  bytesRead: number;
  linesRead: number;
  /** Distinct sessions in the batches. */
  sessions: number;
  /** Spans in the batches. */
  spans: number;
  /** Per-file problems, in file order. */
  problems: TranscriptProblem[];
}

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

/**
 * Reads the planned files in order. `progress` holds the counts before the first file (unchanged files
 * done, totals); progress is reported after each file and after each batch written mid-file.
 */
export const readPlannedFiles = async (
  plan: readonly PlannedFile[],
  adapter: TranscriptAdapter,
  settings: ReadSettings,
  start: ImportProgress,
  sink: ReadSink,
): Promise<ReadOutcome> => {
  const outcome: ReadOutcome = { filesRead: 0, bytesRead: 0, linesRead: 0, sessions: 0, spans: 0, problems: [] };
  const writer = new BatchWriter(settings.batchSpans, sink);
  const scratch = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  const progress = { ...start };
  for (const file of plan) {
    const before = outcome.bytesRead;
    try {
      await readFile(file, adapter, settings, writer, outcome, progress, sink, scratch);
      outcome.filesRead++;
    } catch (err) {
      if (err instanceof AgentTraceError) throw err;
      outcome.problems.push({ file: file.path, line: null, message: `cannot read file: ${(err as Error).message}` });
    }
    progress.filesDone++;
    progress.bytesDone += outcome.bytesRead - before;
    progress.sessionsSeen = writer.sessionIds.size;
    sink.progress({ ...progress });
  }
  await writer.flush();
  outcome.sessions = writer.sessionIds.size;
  outcome.spans = writer.spansWritten;
  return outcome;
};

const readFile = async (
  file: PlannedFile,
  adapter: TranscriptAdapter,
  settings: ReadSettings,
  writer: BatchWriter,
  outcome: ReadOutcome,
  progress: ImportProgress,
  sink: ReadSink,
  scratch: Buffer,
): Promise<void> => {
  const resume = file.from ? decodePosition(file.from.parserState) : null;
  const startOffset = resume && file.from ? file.from.offset : 0;
  const parser: TranscriptParser = adapter.createParser({
    file: file.path,
    state: resume?.parser ?? null,
    includeContent: settings.includeContent,
  });
  // The head is hashed from the first read when it starts at byte 0 (headHashOf's value, from the bytes already in
  // memory): opening each file a second time cost about 0.15 s of the 300 MB / 3,743-file bench import.
  let headHash: string | null = null;
  const headLength = Math.min(file.size, HEAD_BYTES);
  const hashHead = async (): Promise<string> => (headHash ??= await headHashOf(file.path, file.size));
  const fileProblems: TranscriptProblem[] = [];
  let goodLines = 0;
  let badLines = 0;
  const report = (problem: TranscriptProblem): void => {
    badLines++;
    if (fileProblems.length < MAX_PROBLEMS_PER_FILE) fileProblems.push(problem);
  };
  const stateAt = (offset: number, line: number, head: string): FileState => ({
    path: file.path,
    size: file.size,
    mtimeMs: file.mtimeMs,
    offset,
    headHash: head,
    parserState: JSON.stringify({ line, parser: parser.saveState() } satisfies SavedPosition),
  });

  const result = await readLines(file.path, {
    offset: startOffset,
    line: resume?.line ?? 1,
    limit: file.size,
    scratch,
    onFirstRead: (buffer, bytes) => {
      if (startOffset === 0 && bytes >= headLength) headHash = headHashOfBytes(buffer.subarray(0, headLength));
    },
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
        writer.addFileState(stateAt(position.offset, position.line, await hashHead()));
        await writer.flush();
        progress.sessionsSeen = writer.sessionIds.size;
        sink.progress({ ...progress, bytesDone: progress.bytesDone + position.offset - startOffset });
      }
    },
  });
  writer.add(parser.drain());
  writer.addFileState(stateAt(result.offset, result.line, await hashHead()));
  if (writer.full()) await writer.flush();

  outcome.bytesRead += result.bytesRead;
  outcome.linesRead += result.linesRead;
  const readFromStart = startOffset === 0;
  if (readFromStart && goodLines === 0 && badLines > 0) {
    outcome.problems.push({ file: file.path, line: null, message: `not a JSONL transcript (${fileProblems[0]?.message ?? 'no valid line'})` });
    return;
  }
  if (readFromStart && result.linesRead === 0 && file.size > 0 && !(await startsWithBrace(file.path))) {
    outcome.problems.push({ file: file.path, line: null, message: 'not a JSONL transcript (no complete line, and it does not start with "{")' });
    return;
  }
  outcome.problems.push(...fileProblems);
  if (badLines > fileProblems.length) {
    outcome.problems.push({ file: file.path, line: null, message: `${badLines - fileProblems.length} more bad lines not listed` });
  }
};

/** headHashOf's value for a file whose first min(size, HEAD_BYTES) bytes are `head`. */
export const headHashOfBytes = (head: Buffer): string => `${head.length}:${createHash('sha256').update(head).digest('hex')}`;

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

/** Collects records across files and hands them to the sink in batches of about `limit` spans. */
class BatchWriter {
  readonly sessionIds = new Set<string>();
  spansWritten = 0;
  private sessions: SessionUpsert[] = [];
  private spans: Span[] = [];
  private fileStates: FileState[] = [];

  constructor(
    private readonly limit: number,
    private readonly sink: ReadSink,
  ) {}

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
    const collected: WriteBatch = { sessions: this.sessions, spans: this.spans, fileStates: this.fileStates };
    const batch = this.sink.prepare ? this.sink.prepare(collected) : collected;
    this.spansWritten += this.spans.length;
    this.sessions = [];
    this.spans = [];
    this.fileStates = [];
    await this.sink.write(batch);
  }
}
