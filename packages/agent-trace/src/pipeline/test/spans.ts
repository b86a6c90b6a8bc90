import { asSessionId, deriveSpanId, deriveTraceId, makeSpan, type Span } from '@agent-trace/schema';
import type { SessionUpsert } from '../../store/types.js';

/** Spans and sessions for the pipeline's tests. */
export const T0 = BigInt(Date.UTC(2025, 4, 1)) * 1_000_000n;

export const testSpan = (session: string, key: string, fields: Partial<Span> = {}): Span =>
  makeSpan({
    traceId: deriveTraceId('pipeline-test', session),
    spanId: deriveSpanId('pipeline-test', session, key),
    parentSpanId: null,
    sessionId: asSessionId(session),
    name: key,
    type: 'tool_call',
    startNs: T0,
    endNs: T0 + 1_000_000n,
    status: 'ok',
    source: 'hook',
    toolName: 'Bash',
    ...fields,
  });

export const testSession = (session: string, fields: Partial<SessionUpsert> = {}): SessionUpsert => ({
  id: asSessionId(session),
  traceId: deriveTraceId('pipeline-test', session),
  agent: 'claude-code',
  startNs: T0,
  ...fields,
});
