import { asSessionId, deriveSpanId, deriveTraceId, makeSpan, msToNano, type Span } from '@agent-trace/schema';
import type { WriteBatch } from '../../store/types.js';

/** Markup and script payloads planted in stored content: the dashboard must show them as text and run none. */
export const PAYLOADS = [
  '<img src=x onerror="window.__planted=1">',
  '<script>window.__planted=2</script>',
  '<svg onload="window.__planted=3"></svg>',
  '"><iframe src="javascript:window.__planted=4"></iframe>',
] as const;

const T = Date.UTC(2026, 10, 21, 9);

const base = (session: string, key: string, fields: Partial<Span> & Pick<Span, 'type' | 'name'>): Span =>
  makeSpan({
    traceId: deriveTraceId('planted', session),
    spanId: deriveSpanId('planted', session, key),
    parentSpanId: null,
    sessionId: asSessionId(session),
    startNs: msToNano(T),
    endNs: msToNano(T + 1000),
    status: 'ok',
    source: 'sdk',
    ...fields,
  });

/** A session whose title, prompt, tool input, tool result and error message carry the payloads. */
export const plantedSession = (session = 'planted-xss'): WriteBatch => {
  const turn = base(session, 'turn', { type: 'turn', name: PAYLOADS[0], attributes: { 'content.prompt': `Summarise ${PAYLOADS.join(' ')}` } });
  const tool = base(session, 'tool', {
    type: 'tool_call',
    name: PAYLOADS[1],
    toolName: PAYLOADS[2],
    parentSpanId: turn.spanId,
    startNs: msToNano(T + 100),
    endNs: msToNano(T + 600),
    status: 'error',
    statusMessage: PAYLOADS[3],
    attributes: { 'content.tool_input': JSON.stringify({ command: PAYLOADS[1] }), 'content.tool_result': PAYLOADS.join('\n'), [PAYLOADS[0]]: PAYLOADS[2] },
  });
  return {
    sessions: [{ id: asSessionId(session), traceId: turn.traceId, agent: 'sdk', title: `${PAYLOADS[1]} title`, projectName: PAYLOADS[0], startNs: msToNano(T), endNs: msToNano(T + 1000), status: 'completed' }],
    spans: [turn, tool],
  };
};
