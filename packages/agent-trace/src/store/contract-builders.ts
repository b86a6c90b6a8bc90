import { asSessionId, deriveSpanId, deriveTraceId, makeSpan, ZERO_USAGE, type Span, type TraceId, type Usage } from '@agent-trace/schema';
import type { SessionUpsert } from './types.js';

/**
 * Small builders for the contract suites: sessions and spans of a suite's own namespace (so suites never
 * collide on ids), starting at the suite's T0, with everything else empty.
 */
export const contractBuilders = (namespace: string, t0: bigint) => {
  const traceOf = (session: string): TraceId => deriveTraceId(namespace, session);
  /** A span of `session` identified by `key`; everything else defaults to an empty custom span at T0. */
  const span = (session: string, key: string, fields: Partial<Span> = {}): Span =>
    makeSpan({
      traceId: traceOf(session),
      spanId: deriveSpanId(namespace, session, key),
      parentSpanId: null,
      sessionId: asSessionId(session),
      name: key,
      type: 'custom',
      startNs: t0,
      endNs: null,
      status: 'unset',
      source: 'transcript',
      ...fields,
    });
  const session = (id: string, fields: Partial<SessionUpsert> = {}): SessionUpsert => ({
    id: asSessionId(id),
    traceId: traceOf(id),
    agent: 'claude-code',
    startNs: t0,
    ...fields,
  });
  const usage = (u: Partial<Usage>): Usage => ({ ...ZERO_USAGE, ...u });
  return { traceOf, span, session, usage };
};
