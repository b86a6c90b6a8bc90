import type { SpanId } from '@agent-trace/schema';

/**
 * What the parser carries from one chunk of a file to the next, saved as JSON in FileState.parserState.
 * bigint times are kept as decimal strings. Format (version 1):
 *
 * {
 *   "v": 1,
 *   "sessions": { "<sessionId>": { "turn": "<spanId>"|null, "turnStart": "<ns>", "turnEnd": "<ns>", "titleRank": 0..3 } },
 *   "pending":  { "<tool_use id>": { "span": "<spanId>", "name": "Read", "parent": "<spanId>", "start": "<ns>",
 *                                    "session": "<sessionId>", "subagentType": "Explore"|null } },
 *   "messages": [ ["<sessionId>\u001f<message.id>", [["<requestId>", <timestamp ms>, "<spanId>", <sidechain 0|1>], …]], … ]
 * }
 *
 * `pending` holds tool calls whose result has not been seen yet; `messages` indexes recent model calls
 * by message id, to apply ccusage's sidechain-replay rule across chunks. Both are bounded (oldest
 * entries dropped first): a tool that never returns, or a replay further back than the bound,
 * costs at most a start-only tool span or one replay counted twice.
 */
export interface TurnCursor {
  turn: SpanId | null;
  turnStart: bigint;
  turnEnd: bigint;
  titleRank: number;
}

export interface PendingTool {
  span: SpanId;
  name: string;
  parent: SpanId;
  start: bigint;
  session: string;
  subagentType: string | null;
}

/** One model call seen under a message id: [requestId, timestamp ms, span id, sidechain]. */
export type MessageSighting = [string, number, SpanId, boolean];

export const MAX_PENDING_TOOLS = 1000;
export const MAX_INDEXED_MESSAGES = 5000;

export interface ParserState {
  sessions: Map<string, TurnCursor>;
  pending: Map<string, PendingTool>;
  messages: Map<string, MessageSighting[]>;
}

export const emptyState = (): ParserState => ({ sessions: new Map(), pending: new Map(), messages: new Map() });

interface SavedCursor {
  turn: string | null;
  turnStart: string;
  turnEnd: string;
  titleRank: number;
}
interface SavedPending {
  span: string;
  name: string;
  parent: string;
  start: string;
  session: string;
  subagentType: string | null;
}
interface SavedState {
  v: 1;
  sessions: Record<string, SavedCursor>;
  pending: Record<string, SavedPending>;
  messages: Array<[string, Array<[string, number, string, 0 | 1]>]>;
}

export const encodeState = (state: ParserState): string => {
  const saved: SavedState = { v: 1, sessions: {}, pending: {}, messages: [] };
  for (const [id, c] of state.sessions) {
    saved.sessions[id] = { turn: c.turn, turnStart: String(c.turnStart), turnEnd: String(c.turnEnd), titleRank: c.titleRank };
  }
  for (const [id, p] of state.pending) {
    saved.pending[id] = { span: p.span, name: p.name, parent: p.parent, start: String(p.start), session: p.session, subagentType: p.subagentType };
  }
  for (const [key, sightings] of state.messages) {
    saved.messages.push([key, sightings.map(([req, ts, span, side]) => [req, ts, span, side ? 1 : 0])]);
  }
  return JSON.stringify(saved);
};

/** Restores a saved state; a missing, foreign or damaged state starts fresh (the file is then read as new lines). */
export const decodeState = (text: string | null): ParserState => {
  const state = emptyState();
  if (!text) return state;
  let saved: SavedState;
  try {
    saved = JSON.parse(text) as SavedState;
  } catch {
    return state;
  }
  if (saved?.v !== 1) return state;
  for (const [id, c] of Object.entries(saved.sessions ?? {})) {
    state.sessions.set(id, {
      turn: c.turn as SpanId | null,
      turnStart: BigInt(c.turnStart),
      turnEnd: BigInt(c.turnEnd),
      titleRank: c.titleRank,
    });
  }
  for (const [id, p] of Object.entries(saved.pending ?? {})) {
    state.pending.set(id, {
      span: p.span as SpanId,
      name: p.name,
      parent: p.parent as SpanId,
      start: BigInt(p.start),
      session: p.session,
      subagentType: p.subagentType,
    });
  }
  for (const [key, sightings] of saved.messages ?? []) {
    state.messages.set(
      key,
      sightings.map(([req, ts, span, side]) => [req, ts, span as SpanId, side === 1]),
    );
  }
  return state;
};

/** Drops the oldest entries of an insertion-ordered map beyond `max`. */
export const trimOldest = <K, V>(map: Map<K, V>, max: number): void => {
  if (map.size <= max) return;
  let excess = map.size - max;
  for (const key of map.keys()) {
    if (excess-- <= 0) break;
    map.delete(key);
  }
};
