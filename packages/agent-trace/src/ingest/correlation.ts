import { deriveSpanId, deriveTraceId, type SpanId, type TraceId } from '@agent-trace/schema';

/**
 * Claude Code's correlation keys, shared by every layer (transcripts, hooks, OTLP), so that the same
 * fact arriving through two layers gets the same id and is stored once (agent-formats.md §8):
 * session_id = session.id = transcript file stem; prompt_id = prompt.id = transcript promptId;
 * tool_use_id everywhere; requestId (transcript) = request_id (OTel) = gen_ai.response.id (spans).
 */
export const claudeTraceId = (sessionId: string): TraceId => deriveTraceId('claude-code', sessionId);
export const claudeSessionSpanId = (sessionId: string): SpanId => deriveSpanId(sessionId);
/** A turn is one user prompt: keyed by prompt id where the source has one, else by the prompt line's uuid. */
export const claudeTurnSpanId = (sessionId: string, promptKey: string): SpanId => deriveSpanId(sessionId, 'turn', promptKey);
/** One model call per API request; old transcripts without a request id fall back to the message id. */
export const claudeLlmSpanId = (sessionId: string, requestId: string | null, messageId: string | null): SpanId =>
  deriveSpanId(sessionId, 'llm', requestId ? `req:${requestId}` : `msg:${messageId ?? ''}`);
export const claudeToolSpanId = (sessionId: string, toolUseId: string): SpanId => deriveSpanId(sessionId, 'tool', toolUseId);
export const claudeSubagentSpanId = (sessionId: string, agentId: string): SpanId => deriveSpanId(sessionId, 'subagent', agentId);
