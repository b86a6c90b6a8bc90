import { asSpanId, type Span, type SpanId } from '@agent-trace/schema';
import { claudeLlmSpanId, claudeSessionSpanId, claudeToolSpanId, claudeTurnSpanId, claudeSubagentSpanId } from '../correlation.js';
import type { OtlpSpan } from './model.js';
import type { SessionRef } from './session-ref.js';
import type { SpanIdMap } from './span-ids.js';
import { claudeUsage, genAiUsage } from './usage.js';
import { asBool, asString } from './values.js';

/**
 * Claude Code's beta trace spans (agent-formats.md §3.5), re-keyed onto the correlation ids so they merge
 * with what the transcript and the log events say about the same prompt, model call or tool call.
 */
const storedIdOf = (s: OtlpSpan, sessionId: string): SpanId => {
  const a = s.attributes;
  switch (s.name) {
    case 'claude_code.interaction': {
      const promptId = asString(a['prompt.id']);
      return promptId ? claudeTurnSpanId(sessionId, promptId) : asSpanId(s.spanId);
    }
    case 'claude_code.llm_request': {
      const requestId = asString(a['request_id']) ?? asString(a['gen_ai.response.id']);
      return requestId ? claudeLlmSpanId(sessionId, requestId, null) : asSpanId(s.spanId);
    }
    case 'claude_code.tool': {
      const useId = asString(a['tool_use_id']) ?? asString(a['gen_ai.tool.call.id']);
      return useId ? claudeToolSpanId(sessionId, useId) : asSpanId(s.spanId);
    }
    case 'claude_code.subagent.spawn': {
      const agentId = asString(a['agent_id']) ?? asString(a['gen_ai.agent.id']);
      return agentId ? claudeSubagentSpanId(sessionId, agentId) : asSpanId(s.spanId);
    }
    default:
      return asSpanId(s.spanId);
  }
};

/** First pass over a request: every Claude span's stored id, so parents in the same request resolve. */
export const registerClaudeIds = (s: OtlpSpan, sessionId: string, ids: SpanIdMap): void => {
  ids.set(`${sessionId}/${s.spanId}`, storedIdOf(s, sessionId));
};

/**
 * The parent a stored Claude span hangs under: the stored id of its OTel parent when that is known
 * (same request, or seen before), else the turn of its prompt, else the session root.
 */
const parentOf = (s: OtlpSpan, ref: SessionRef, ids: SpanIdMap): SpanId => {
  if (s.parentSpanId !== '') {
    const known = ids.get(`${ref.id}/${s.parentSpanId}`);
    if (known) return known;
  }
  const promptId = asString(s.attributes['prompt.id']);
  if (promptId && s.name !== 'claude_code.interaction') return claudeTurnSpanId(ref.id, promptId);
  return claudeSessionSpanId(ref.id);
};

/** Refines a base span (already built from the OTLP span) into Claude Code's types, in place. */
export const applyClaudeSpan = (span: Span, s: OtlpSpan, ref: SessionRef, ids: SpanIdMap): void => {
  const a = span.attributes;
  const storedId = ids.get(`${ref.id}/${s.spanId}`) ?? storedIdOf(s, ref.id);
  if (storedId !== s.spanId) a['otel.span_id'] = s.spanId;
  a['otel.trace_id'] = s.traceId;
  span.traceId = ref.traceId;
  span.spanId = storedId;
  span.parentSpanId = parentOf(s, ref, ids);
  const success = asBool(a['success']);
  if (success === false) span.status = 'error';
  else if (success === true && span.status === 'unset') span.status = 'ok';
  switch (s.name) {
    case 'claude_code.interaction':
      span.type = 'turn';
      break;
    case 'claude_code.llm_request':
      span.type = 'llm_call';
      span.model = asString(a['model']) ?? asString(a['gen_ai.response.model']) ?? asString(a['gen_ai.request.model']);
      span.usage = claudeUsage(a) ?? genAiUsage(a);
      break;
    case 'claude_code.tool':
      span.type = 'tool_call';
      span.toolName = asString(a['tool_name']) ?? asString(a['gen_ai.tool.name']);
      break;
    case 'claude_code.tool.blocked_on_user':
      span.type = 'decision';
      break;
    case 'claude_code.subagent.spawn':
      span.type = 'subagent';
      break;
    default:
      span.type = 'custom';
  }
};
