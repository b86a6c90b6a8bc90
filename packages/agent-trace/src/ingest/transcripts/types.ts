import type { Agent, Span } from '@agent-trace/schema';
import type { SessionUpsert } from '../../store/types.js';

/**
 * The plug-in point for one agent's local transcript files. Each agent is a folder with the same
 * file roles: `paths.ts` (where its files live), `schema.ts` (line shapes and cheap guards),
 * `parser.ts` (lines → records) and `index.ts` (this object). The import engine knows only this.
 */
export interface TranscriptAdapter {
  readonly agent: Agent;
  /** Files to import: from explicit paths when given, else from the agent's default locations. */
  discover(options: DiscoverOptions): Promise<Discovery>;
  /** A parser for one file, resuming from the state saved after the previous chunk (null: from the start). */
  createParser(options: ParserOptions): TranscriptParser;
}

/** Environment and home come in as values: no module reads process.env. */
export interface DiscoverOptions {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** Explicit files or folders (`--path`, repeatable); replaces discovery when non-empty. */
  paths?: readonly string[];
}

export interface Discovery {
  /** Absolute paths of the files to read, sorted. */
  files: string[];
  /** The folders that were searched, for the "no input" message. */
  searched: string[];
  /** Paths that could not be listed (unreadable folders, missing explicit paths). */
  problems: TranscriptProblem[];
}

export interface ParserOptions {
  file: string;
  /** The adapter's own state string saved with the file's offset, or null for a read from byte 0. */
  state: string | null;
  /** Privacy tier ≥ 2: put prompt text, tool input and results into `content.*` attributes. */
  includeContent: boolean;
}

/** A problem with one file or line; the rest of the input is still imported. */
export interface TranscriptProblem {
  file: string;
  /** 1-based line number, or null when the problem concerns the whole file. */
  line: number | null;
  message: string;
}

export interface ParsedRecords {
  sessions: SessionUpsert[];
  spans: Span[];
}

/**
 * Consumes complete lines in file order. `line` receives the bytes of one line (without the newline)
 * as a window of a shared buffer, so a parser can skip lines with cheap byte checks before decoding.
 * The buffer is reused after the call returns: keep nothing that points into it.
 */
export interface TranscriptParser {
  line(buffer: Buffer, start: number, end: number, lineNumber: number): TranscriptProblem | null;
  /** Records produced since the last drain. Spans still open are included as they stand (start-only). */
  drain(): ParsedRecords;
  /** The state to persist with the offset after the lines consumed so far. */
  saveState(): string;
}
