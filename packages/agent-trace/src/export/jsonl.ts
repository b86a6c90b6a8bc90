import type { Session, Span } from '@agent-trace/schema';
import { sessionToJson } from '../query/session-json.js';
import { spanToJson } from '../query/span-json.js';

/**
 * agent-trace's own records, one JSON object per line: a session line, then one line per span of that session.
 * The objects are the same as the HTTP API's and `show --json`'s (sessionToJson, spanToJson).
 */
export const jsonlLines = (session: Session, spans: readonly Span[]): string => {
  let out = JSON.stringify({ kind: 'session', session: sessionToJson(session) }) + '\n';
  for (const span of spans) out += JSON.stringify({ kind: 'span', sessionId: session.id, span: spanToJson(span) }) + '\n';
  return out;
};
