/**
 * Shapes of the Claude Code transcript lines this importer reads, and cheap guards for them.
 * Only the fields used are typed; everything is optional because old and new CLI versions differ.
 */

/** The envelope of a conversation entry (`user`, `assistant`) and the metadata lines we read. */
export interface ClaudeLine {
  type: string;
  sessionId?: unknown;
  uuid?: unknown;
  parentUuid?: unknown;
  timestamp?: unknown;
  version?: unknown;
  cwd?: unknown;
  gitBranch?: unknown;
  isSidechain?: unknown;
  isMeta?: unknown;
  isCompactSummary?: unknown;
  isApiErrorMessage?: unknown;
  agentId?: unknown;
  promptId?: unknown;
  requestId?: unknown;
  costUSD?: unknown;
  error?: unknown;
  message?: unknown;
  toolUseResult?: unknown;
  summary?: unknown;
  customTitle?: unknown;
  aiTitle?: unknown;
}

export interface ClaudeMessage {
  id?: unknown;
  model?: unknown;
  role?: unknown;
  content?: unknown;
  stop_reason?: unknown;
  usage?: unknown;
}

/** Line types that carry something we record; every other type is skipped before JSON.parse. */
export const READ_LINE_TYPES: ReadonlySet<string> = new Set(['user', 'assistant', 'summary', 'custom-title', 'ai-title']);

export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const nonEmptyString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A `user`/`assistant` block: `{type, ...}`. */
export const isBlock = (v: unknown): v is JsonObject & { type: string } => isObject(v) && typeof v['type'] === 'string';

/** Title priority: a name the user chose beats the AI's title, which beats the older `summary` lines. */
export const TITLE_RANK = { summary: 1, 'ai-title': 2, 'custom-title': 3 } as const;
