import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Span } from '@agent-trace/schema';
import { AgentTraceError } from '../errors.js';
import type { FileState, SessionUpsert, WriteBatch } from '../store/types.js';
import { HEAD_BYTES, headHashOf } from './file-change.js';
import { READ_CHUNK_BYTES, readLines } from './line-reader.js';
import type { ImportProgress, PlannedFile } from './import.js';
import type { ParsedRecords, TranscriptAdapter, TranscriptParser, TranscriptProblem } from './transcripts/types.js';

/**
 * The reading half of an import: planned files → parsed records in batches, with each file's state in the
 * batch that holds its last records. It knows nothing of the store: batches go to a sink, in order.
 *
 * Two halves that may run in different threads: `parseFile` reads and parses one file and hands on what each
 * read produced (records, position, state); a `BatchAssembler` takes those in plan order and makes the batches.
 * In one thread the assembler gets each read's records as they come; with parse workers (read-worker.ts) each
 * worker parses whole files and this thread feeds the same assembler the same events in plan order, so both
 * produce the same batches, problems and progress.
 */

/** Problems kept per file; the rest are counted in one closing problem. */
const MAX_PROBLEMS_PER_FILE = 50;

export interface ReadSettings {
  includeContent: boolean;
  /** Spans per batch. */
  batchSpans: number;
  /** Bytes per read (default READ_CHUNK_BYTES); smaller in tests, to make files of several reads. */
  chunkBytes?: number;
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

/** What one read of a file produced, and where it ended. */
export interface ChunkEvent {
  records: ParsedRecords;
  /** Byte just past the last complete line consumed, and the number of the line that starts there. */
  offset: number;
  line: number;
  /** The parser's state at this position; valid until the handler returns (the parser then reads on). */
  state(): string;
  /** The file's head hash, or the error that reading it gave. */
  head: string | Error;
  /** The file's last read: no line follows, so the state is the one the file ends with. */
  last: boolean;
}

/** A file read to its end. */
export interface ParsedFile {
  /** Records since the last read's. */
  records: ParsedRecords;
  offset: number;
  line: number;
  state: string;
  head: string | Error;
  bytesRead: number;
  linesRead: number;
  /** The file's problems, or the error that ended it after its records (its start could not be read again). */
  closing: TranscriptProblem[] | Error;
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

export const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

/**
 * Reads the planned files in order, in this thread. `progress` holds the counts before the first file (unchanged
 * files done, totals); progress is reported after each file and after each batch written mid-file.
 */
export const readPlannedFiles = async (
  plan: readonly PlannedFile[],
  adapter: TranscriptAdapter,
  settings: ReadSettings,
  start: ImportProgress,
  sink: ReadSink,
): Promise<ReadOutcome> => {
  const assembler = new BatchAssembler(settings.batchSpans, sink, start);
  const scratch = Buffer.allocUnsafe(settings.chunkBytes ?? READ_CHUNK_BYTES);
  for (const file of plan) {
    assembler.startFile(file);
    try {
      await assembler.end(await parseFile(file, adapter, settings, scratch, (chunk) => assembler.chunk(chunk)));
    } catch (err) {
      assembler.fail(err);
    }
    assembler.endFile();
  }
  return assembler.finish();
};

/**
 * Reads one planned file from its resume point to the size it was planned with, calling `onChunk` after each
 * read's lines (awaited: the reader waits for it). Throws when the file cannot be read, or when `onChunk` throws.
 */
export const parseFile = async (
  file: PlannedFile,
  adapter: TranscriptAdapter,
  settings: ReadSettings,
  scratch: Buffer,
  onChunk: (chunk: ChunkEvent) => Promise<void> | void,
): Promise<ParsedFile> => {
  const resume = file.from ? decodePosition(file.from.parserState) : null;
  const startOffset = resume && file.from ? file.from.offset : 0;
  const parser: TranscriptParser = adapter.createParser({
    file: file.path,
    state: resume?.parser ?? null,
    includeContent: settings.includeContent,
  });
  // The head is hashed from the first read when it starts at byte 0 (headHashOf's value, from the bytes already in
  // memory): opening each file a second time cost about 0.15 s of the 300 MB / 3,743-file bench import.
  let head: string | Error | null = null;
  const headLength = Math.min(file.size, HEAD_BYTES);
  const hashHead = async (): Promise<string | Error> => {
    if (head === null) {
      try {
        head = await headHashOf(file.path, file.size);
      } catch (err) {
        head = asError(err);
      }
    }
    return head;
  };
  const fileProblems: TranscriptProblem[] = [];
  let goodLines = 0;
  let badLines = 0;
  const report = (problem: TranscriptProblem): void => {
    badLines++;
    if (fileProblems.length < MAX_PROBLEMS_PER_FILE) fileProblems.push(problem);
  };
  const state = (): string => parser.saveState();

  const result = await readLines(file.path, {
    offset: startOffset,
    line: resume?.line ?? 1,
    limit: file.size,
    scratch,
    onFirstRead: (buffer, bytes) => {
      if (startOffset === 0 && bytes >= headLength) head = headHashOfBytes(buffer.subarray(0, headLength));
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
      const records = parser.drain();
      await onChunk({ records, offset: position.offset, line: position.line, state, head: await hashHead(), last: position.last });
    },
  });
  const records = parser.drain();
  const fileHead = await hashHead();
  let closing: TranscriptProblem[] | Error;
  try {
    closing = await closingProblems(file, startOffset, result.linesRead, goodLines, badLines, fileProblems);
  } catch (err) {
    closing = asError(err);
  }
  return {
    records,
    offset: result.offset,
    line: result.line,
    state: parser.saveState(),
    head: fileHead,
    bytesRead: result.bytesRead,
    linesRead: result.linesRead,
    closing,
  };
};

/** The problems a file read to its end reports: its bad lines, or one problem when it is no transcript at all. */
const closingProblems = async (
  file: PlannedFile,
  startOffset: number,
  linesRead: number,
  goodLines: number,
  badLines: number,
  fileProblems: TranscriptProblem[],
): Promise<TranscriptProblem[]> => {
  const readFromStart = startOffset === 0;
  if (readFromStart && goodLines === 0 && badLines > 0) {
    return [{ file: file.path, line: null, message: `not a JSONL transcript (${fileProblems[0]?.message ?? 'no valid line'})` }];
  }
  if (readFromStart && linesRead === 0 && file.size > 0 && !(await startsWithBrace(file.path))) {
    return [{ file: file.path, line: null, message: 'not a JSONL transcript (no complete line, and it does not start with "{")' }];
  }
  if (badLines > fileProblems.length) {
    return [...fileProblems, { file: file.path, line: null, message: `${badLines - fileProblems.length} more bad lines not listed` }];
  }
  return fileProblems;
};

/** headHashOf's value for a file whose first min(size, HEAD_BYTES) bytes are `head`. */
export const headHashOfBytes = (head: Buffer): string => `${head.length}:${createHash('sha256').update(head).digest('hex')}`;

const headOf = (head: string | Error): string => {
  if (head instanceof Error) throw head;
  return head;
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

/**
 * Turns the files' reads, given in plan order, into batches, file states, problems and progress. For each file:
 * `startFile`, then `chunk` per read and `end` (or `fail` when the file could not be read), then `endFile`.
 * `chunk` and `end` throw when the file fails there (its head could not be read, a pipeline in this thread threw)
 * or when a write fails; the caller passes the error to `fail`, which rethrows a store error.
 */
export class BatchAssembler {
  private readonly writer: BatchWriter;
  private readonly outcome: ReadOutcome = { filesRead: 0, bytesRead: 0, linesRead: 0, sessions: 0, spans: 0, problems: [] };
  private readonly progress: ImportProgress;
  private file: PlannedFile | null = null;
  private startOffset = 0;
  private bytesBefore = 0;

  constructor(
    batchSpans: number,
    private readonly sink: ReadSink,
    start: ImportProgress,
  ) {
    this.writer = new BatchWriter(batchSpans, sink);
    this.progress = { ...start };
  }

  startFile(file: PlannedFile): void {
    this.file = file;
    this.startOffset = file.from && decodePosition(file.from.parserState) ? file.from.offset : 0;
    this.bytesBefore = this.outcome.bytesRead;
  }

  async chunk(chunk: ChunkEvent): Promise<void> {
    const writer = this.writer;
    writer.add(chunk.records);
    if (!writer.full()) return;
    writer.addFileState(this.stateAt(chunk.offset, chunk.line, headOf(chunk.head), chunk.state()));
    await writer.flush();
    this.progress.sessionsSeen = writer.sessionIds.size;
    this.sink.progress({ ...this.progress, bytesDone: this.progress.bytesDone + chunk.offset - this.startOffset });
  }

  async end(parsed: ParsedFile): Promise<void> {
    const writer = this.writer;
    writer.add(parsed.records);
    writer.addFileState(this.stateAt(parsed.offset, parsed.line, headOf(parsed.head), parsed.state));
    if (writer.full()) await writer.flush();
    this.outcome.bytesRead += parsed.bytesRead;
    this.outcome.linesRead += parsed.linesRead;
    if (parsed.closing instanceof Error) throw parsed.closing;
    for (const problem of parsed.closing) this.outcome.problems.push(problem);
    this.outcome.filesRead++;
  }

  fail(err: unknown): void {
    if (err instanceof AgentTraceError) throw err;
    this.outcome.problems.push({ file: this.currentFile().path, line: null, message: `cannot read file: ${(err as Error).message}` });
  }

  endFile(): void {
    this.progress.filesDone++;
    this.progress.bytesDone += this.outcome.bytesRead - this.bytesBefore;
    this.progress.sessionsSeen = this.writer.sessionIds.size;
    this.sink.progress({ ...this.progress });
    this.file = null;
  }

  async finish(): Promise<ReadOutcome> {
    await this.writer.flush();
    this.outcome.sessions = this.writer.sessionIds.size;
    this.outcome.spans = this.writer.spansWritten;
    return this.outcome;
  }

  private currentFile(): PlannedFile {
    if (!this.file) throw new Error('BatchAssembler: no file started');
    return this.file;
  }

  private stateAt(offset: number, line: number, head: string, parserState: string): FileState {
    const file = this.currentFile();
    return {
      path: file.path,
      size: file.size,
      mtimeMs: file.mtimeMs,
      offset,
      headHash: head,
      parserState: JSON.stringify({ line, parser: parserState } satisfies SavedPosition),
    };
  }
}

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
