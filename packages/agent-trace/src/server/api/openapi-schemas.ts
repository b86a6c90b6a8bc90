import { AGENTS, SESSION_STATUSES, SPAN_STATUSES, SPAN_TYPES } from '@agent-trace/schema';

/** JSON Schemas of the API's responses (OpenAPI 3.1 components). Kept beside the routes; the tests check responses against them. */
const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const num = { type: 'number' } as const;
const nnum = { type: ['number', 'null'] } as const;
const int = { type: 'integer' } as const;
const iso = { type: 'string', format: 'date-time' } as const;
const niso = { type: ['string', 'null'], format: 'date-time' } as const;
const nanos = { type: 'string', pattern: '^\\d+$', description: 'Unix time in nanoseconds, as a decimal string' } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (name: string) => ({ oneOf: [ref(name), { type: 'null' }] });
const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', properties, required });
const arr = (items: unknown) => ({ type: 'array', items });

const usageTotals = {
  inputTokens: int,
  outputTokens: int,
  cacheCreationTokens: int,
  cacheReadTokens: int,
  totalTokens: int,
  totalCost: num,
};
const modelBreakdown = obj({ modelName: str, inputTokens: int, outputTokens: int, cacheCreationTokens: int, cacheReadTokens: int, cost: num });
const reportRow = (key: string) =>
  obj({ [key]: str, ...usageTotals, modelsUsed: arr(str), modelBreakdowns: arr(modelBreakdown), calls: int, unpricedCalls: int });
const latency = obj({ count: int, p50: nnum, p90: nnum, p95: nnum, p99: nnum, max: nnum });
const rateRow = (key: string) => obj({ [key]: str, count: int, errors: int, errorRate: nnum, latencyMs: latency });

export const SCHEMAS = {
  Error: obj({ error: obj({ code: { type: 'string', enum: ['bad_parameter', 'unauthorized', 'forbidden_origin', 'not_found', 'method_not_allowed', 'internal'] }, message: str }) }),
  Usage: obj({ input: int, output: int, cacheRead: int, cacheWrite5m: int, cacheWrite1h: int, reasoning: int }),
  Session: obj({
    id: str,
    traceId: str,
    agent: { type: 'string', enum: [...AGENTS] },
    agentVersion: nstr,
    projectName: nstr,
    projectHash: nstr,
    userHash: nstr,
    cwd: nstr,
    gitBranch: nstr,
    title: nstr,
    status: { type: 'string', enum: [...SESSION_STATUSES] },
    models: arr(str),
    totals: obj({
      inputTokens: int, outputTokens: int, cacheReadTokens: int, cacheWriteTokens: int, costUsd: num, llmCalls: int, unpricedCalls: int,
      toolCalls: int, errors: int, prompts: int, subagents: int, linesAdded: int, linesRemoved: int,
    }),
    summary: obj({ eventCount: int, durationMs: num, successRate: nnum }),
    startTime: iso,
    endTime: niso,
    startTimeUnixNano: nanos,
    endTimeUnixNano: { type: ['string', 'null'] },
    durationMs: nnum,
  }),
  SessionPage: obj({ sessions: arr(ref('Session')), nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page' } }),
  TimelineRow: obj({
    spanId: str, parentSpanId: nstr, depth: int, turn: { type: ['integer', 'null'] }, type: { type: 'string', enum: [...SPAN_TYPES] }, name: str,
    startTime: iso, offsetMs: num, durationMs: nnum, status: { type: 'string', enum: [...SPAN_STATUSES] }, statusMessage: nstr,
    model: nstr, toolName: nstr, usage: nullable('Usage'), costUsd: nnum, eventCount: int, childCount: int,
    preview: { type: ['string', 'null'], description: 'Start of the prompt (turns) or tool input (tool calls), at tiers 2 and 3' },
  }),
  Timeline: obj({ session: ref('Session'), turns: int, rows: arr(ref('TimelineRow')) }),
  Span: obj({
    spanId: str, parentSpanId: nstr, traceId: str, name: str, type: { type: 'string', enum: [...SPAN_TYPES] },
    status: { type: 'string', enum: [...SPAN_STATUSES] }, statusMessage: nstr, source: str, startTime: iso, endTime: niso,
    startTimeUnixNano: nanos, endTimeUnixNano: { type: ['string', 'null'] }, durationMs: nnum, model: nstr, toolName: nstr,
    usage: nullable('Usage'), costUsd: nnum, reportedCostUsd: nnum, attributes: { type: 'object' },
    events: arr(obj({ name: str, time: iso, timeUnixNano: nanos, attributes: { type: 'object' } })),
    children: arr(ref('Span')),
  }, ['spanId', 'parentSpanId', 'traceId', 'name', 'type', 'status', 'startTime', 'attributes', 'events']),
  SpanDetail: obj({
    span: ref('Span'),
    content: { type: 'object', description: 'The `content.*` attributes (prompt, tool_input, tool_result…), stored at privacy tiers 2 and 3 only' },
    privacyTier: { type: 'integer', enum: [1, 2, 3] },
  }),
  SpanTree: obj({ session: ref('Session'), roots: arr(ref('Span')) }),
  Replay: obj(
    {
      session: ref('Session'),
      activity: obj(
        { durationMs: { type: ['number', 'null'] }, activeMs: { type: ['number', 'null'] }, idleMs: { type: 'number' } },
        ['durationMs', 'activeMs', 'idleMs'],
      ),
      idle: arr({ type: 'object' }),
      turns: arr({ type: 'object' }),
      other: arr({ type: 'object' }),
    },
    ['session', 'activity', 'idle', 'turns', 'other'],
  ),
  Report: {
    description: 'The JSON of `agent-trace report <kind> --json` (ccusage field names), or usage by user',
    oneOf: [
      obj({ kind: { const: 'daily' }, daily: arr(reportRow('date')), totals: obj(usageTotals), unpricedModels: arr(str) }),
      obj({ kind: { const: 'weekly' }, weekly: arr(reportRow('week')), totals: obj(usageTotals), unpricedModels: arr(str) }),
      obj({ kind: { const: 'monthly' }, monthly: arr(reportRow('month')), totals: obj(usageTotals), unpricedModels: arr(str) }),
      obj({ kind: { const: 'model' }, models: arr(reportRow('model')), totals: obj(usageTotals), unpricedModels: arr(str) }),
      obj({ kind: { const: 'project' }, projects: arr(reportRow('project')), totals: obj(usageTotals), unpricedModels: arr(str) }),
      obj({ kind: { const: 'user' }, users: arr(reportRow('user')), totals: obj(usageTotals), unpricedModels: arr(str) }),
      obj({ kind: { const: 'session' }, sessions: arr({ type: 'object' }), totals: obj(usageTotals), unpricedModels: arr(str) }),
      obj({ kind: { const: 'blocks' }, blocks: arr({ type: 'object' }) }),
    ],
  },
  Metrics: obj({
    window: obj({ since: niso, until: niso, minutes: nnum }),
    sessions: int, spans: int, errors: int, errorRate: nnum, spansPerMinute: nnum,
    byType: arr(rateRow('type')), tools: arr(rateRow('tool')), models: arr(rateRow('model')),
  }),
  Stats: obj({
    backend: str, location: str, sizeBytes: int, sessions: int, spans: int, logs: int, metrics: int, files: int,
    firstStart: niso, lastStart: niso,
    byAgent: arr(obj({ agent: str, sessions: int, spans: int, firstStart: niso, lastStart: niso })),
    privacyTier: { type: 'integer', enum: [1, 2, 3] },
    demo: { type: 'boolean' },
  }),
} as const;
