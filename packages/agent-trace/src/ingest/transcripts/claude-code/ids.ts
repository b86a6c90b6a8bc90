import { createHash } from 'node:crypto';
import { deriveSpanId, type SpanId } from '@agent-trace/schema';
import {
  claudeLlmSpanId,
  claudeSessionSpanId,
  claudeSubagentSpanId,
  claudeToolSpanId,
  claudeTraceId,
  claudeTurnSpanId,
} from '../../correlation.js';

/**
 * Deterministic ids from the transcript's own identifiers, so re-reading a line (an incremental
 * re-read, a duplicated line, the same session in two files) yields the same ids and the store merges
 * them. The ids hooks and OTLP also produce come from the shared correlation keys.
 */
export const traceIdOf = claudeTraceId;
export const sessionSpanIdOf = claudeSessionSpanId;
/** `promptKey` is the line's promptId when it has one (hooks' prompt_id, OTel's prompt.id), else its uuid. */
export const turnSpanIdOf = claudeTurnSpanId;
export const llmSpanIdOf = (sessionId: string, messageId: string, requestId: string | null): SpanId =>
  claudeLlmSpanId(sessionId, requestId, messageId);
export const toolSpanIdOf = claudeToolSpanId;
export const subagentSpanIdOf = claudeSubagentSpanId;
/** The wait before a prompt, keyed like the prompt's turn. */
export const idleSpanIdOf = (sessionId: string, promptKey: string): SpanId => deriveSpanId(sessionId, 'idle', promptKey);
export const errorSpanIdOf = (sessionId: string, lineKey: string): SpanId => deriveSpanId(sessionId, 'error', lineKey);

/** SHA-256 hex of the project root (the store's project hash). */
export const projectHashOf = (cwd: string): string => createHash('sha256').update(cwd).digest('hex');
