import type { BatchBuilder } from './batch-builder.js';
import { applyClaudeSpan, registerClaudeIds } from './claude-spans.js';
import { coerceLooseValues } from './values.js';
import { applyGenAi } from './genai-span.js';
import type { TracesRequest } from './model.js';
import { agentOf, sessionIdIn, sessionRefOf, traceSessionRef } from './session-ref.js';
import { baseSpan } from './span-base.js';
import { PROBLEM_TEXT, spanProblem, type SpanIdMap } from './span-ids.js';
import { asString } from './values.js';

const isClaudeSpan = (name: string): boolean => name.startsWith('claude_code.');

/**
 * Maps decoded OTLP spans into the builder. An invalid span is rejected with its reason and neighbours are
 * kept. Claude Code spans with a session id are re-keyed onto the correlation ids (trace from session.id);
 * every other span keeps its own trace and span ids.
 */
export const mapTraces = (request: TracesRequest, ids: SpanIdMap, out: BatchBuilder): void => {
  for (const res of request) {
    const agent = agentOf(res.resource);
    const serviceName = asString(res.resource['service.name']);
    const version = asString(res.resource['service.version']);
    if (agent === 'claude-code') {
      for (const { items } of res.scopes) {
        for (const s of items) {
          const sid = sessionIdIn(s.attributes, res.resource);
          if (sid && isClaudeSpan(s.name)) registerClaudeIds(s, sid, ids);
        }
      }
    }
    for (const { scope, items } of res.scopes) {
      for (const s of items) {
        const problem = spanProblem(s.traceId, s.spanId, s.parentSpanId, s.startNs);
        if (problem) {
          out.rejections.add(problem, `span "${s.name}" (trace ${s.traceId || '-'}, span ${s.spanId || '-'}): ${PROBLEM_TEXT[problem]}`);
          continue;
        }
        const sid = sessionIdIn(s.attributes, res.resource);
        const ref = sid ? sessionRefOf(sid, agent) : traceSessionRef(s.traceId, agent);
        const claude = agent === 'claude-code' && sid !== null && isClaudeSpan(s.name);
        if (claude) coerceLooseValues(s.attributes);
        const span = baseSpan(s, ref.id, scope, serviceName);
        if (claude) {
          applyClaudeSpan(span, s, ref, ids);
          out.extendClaudeRoot(ref, span.startNs, span.endNs ?? span.startNs);
        } else applyGenAi(span);
        out.spans.push(span);
        out.accepted++;
        out.touchSession(ref, s.startNs, version);
      }
    }
  }
};
