import { deriveSpanId, makeSpan, msToNano, type Attributes, type Span, type SpanId } from '@agent-trace/schema';
import { claudeLlmSpanId, claudeSessionSpanId, claudeToolSpanId, claudeTurnSpanId } from '../correlation.js';
import type { SessionRef } from './session-ref.js';
import { claudeUsage } from './usage.js';
import { asBool, asNumber, asString } from './values.js';

/** Claude Code log events that become spans (agent-formats.md §3.4); every other event stays a log record. */
export const CLAUDE_SPAN_EVENTS = new Set(['api_request', 'api_error', 'tool_result', 'tool_decision', 'user_prompt']);

const span = (ref: SessionRef, spanId: SpanId, parent: SpanId | null, name: string, startNs: bigint, attributes: Attributes): Span =>
  makeSpan({ traceId: ref.traceId, spanId, parentSpanId: parent, sessionId: ref.id, name, type: 'custom', startNs, endNs: startNs, status: 'unset', source: 'otlp', attributes });

/** The event marks the end of the work it reports: start = time − duration_ms. */
const startBefore = (timeNs: bigint, durationMs: number | null): bigint => {
  if (durationMs === null || durationMs <= 0) return timeNs;
  const d = msToNano(durationMs);
  return d < timeNs ? timeNs - d : timeNs;
};

/**
 * One Claude Code event as a span on the correlation ids, so it merges with the transcript's record and the
 * beta trace span of the same model call, tool call or prompt. `attrs` are already coerced and content-marked.
 */
export const claudeEventSpan = (name: string, ref: SessionRef, timeNs: bigint, attrs: Attributes): Span => {
  const promptId = asString(attrs['prompt.id']);
  const root = claudeSessionSpanId(ref.id);
  const turn = promptId ? claudeTurnSpanId(ref.id, promptId) : root;
  const requestId = asString(attrs['request_id']);
  const duration = asNumber(attrs['duration_ms']);
  const fallbackId = (): SpanId => deriveSpanId(ref.id, 'otlp-event', name, timeNs.toString(), asString(attrs['event.sequence']) ?? '');
  switch (name) {
    case 'api_request': {
      const model = asString(attrs['model']);
      const s = span(ref, requestId ? claudeLlmSpanId(ref.id, requestId, null) : fallbackId(), turn, `chat ${model ?? 'unknown'}`, startBefore(timeNs, duration), attrs);
      s.endNs = timeNs;
      s.type = 'llm_call';
      s.status = 'ok';
      s.model = model;
      s.usage = claudeUsage(attrs);
      const cost = asNumber(attrs['cost_usd']) ?? (asNumber(attrs['cost_usd_micros']) ?? -1) / 1e6;
      s.reportedCostUsd = cost >= 0 ? cost : null;
      return s;
    }
    case 'api_error': {
      const attempt = asString(attrs['attempt']) ?? '';
      const id = requestId ? deriveSpanId(ref.id, 'api_error', requestId, attempt) : fallbackId();
      const s = span(ref, id, turn, 'api_error', startBefore(timeNs, duration), attrs);
      s.endNs = timeNs;
      s.type = 'error';
      s.status = 'error';
      s.statusMessage = asString(attrs['error']);
      s.model = asString(attrs['model']);
      return s;
    }
    case 'tool_result':
    case 'tool_decision': {
      const useId = asString(attrs['tool_use_id']);
      const toolName = asString(attrs['tool_name']);
      const id = useId ? claudeToolSpanId(ref.id, useId) : fallbackId();
      if (name === 'tool_decision') {
        const s = span(ref, id, turn, `execute_tool ${toolName ?? 'unknown'}`, timeNs, {});
        s.type = 'tool_call';
        s.toolName = toolName;
        s.endNs = null;
        s.events = [{ name: 'tool_decision', timeNs, attributes: attrs }];
        return s;
      }
      const s = span(ref, id, turn, `execute_tool ${toolName ?? 'unknown'}`, startBefore(timeNs, duration), attrs);
      s.endNs = timeNs;
      s.type = 'tool_call';
      s.toolName = toolName;
      const success = asBool(attrs['success']);
      s.status = success === false ? 'error' : success === true ? 'ok' : 'unset';
      s.statusMessage = success === false ? asString(attrs['error']) : null;
      return s;
    }
    default: {
      const s = span(ref, promptId ? turn : fallbackId(), root, 'turn', timeNs, attrs);
      s.type = 'turn';
      s.status = 'ok';
      return s;
    }
  }
};
