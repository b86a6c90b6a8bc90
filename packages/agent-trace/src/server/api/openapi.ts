import { AGENTS, SESSION_STATUSES } from '@agent-trace/schema';
import { COST_MODES } from '../../query/cost-mode.js';
import { SESSION_SORT_KEYS } from '../../store/types.js';
import { WEEKDAYS } from '../../util/timezone.js';
import { API_REPORT_KINDS } from './analytics-routes.js';
import { SCHEMAS } from './openapi-schemas.js';

const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const json = (schema: string, description: string) => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });
const errors = {
  '400': json('Error', 'A parameter is invalid (code bad_parameter)'),
  '401': json('Error', 'A token is required and was missing or wrong (code unauthorized)'),
  '403': json('Error', 'The request came from another origin (code forbidden_origin)'),
  '404': json('Error', 'No such session, span, report or route (code not_found)'),
};

const TIME = [
  query('since', 'ISO timestamp, date (YYYY-MM-DD, a whole day in `timezone`) or duration back from now (30m, 24h, 7d, 2w)'),
  query('until', 'ISO timestamp or date (inclusive day)'),
  query('timezone', 'IANA zone for dates and day/week/month grouping (default: the server\'s)'),
];
const FILTERS = [
  query('project', 'Project name (case-insensitive substring) or exact project hash'),
  query('model', 'Model id (exact or case-insensitive substring)'),
  query('agent', 'Agent', { type: 'string', enum: [...AGENTS] }),
];

const get = (summary: string, parameters: unknown[], response: string, description: string) => ({
  get: { summary, parameters, responses: { '200': json(response, description), ...errors } },
});

/** The OpenAPI 3.1 document served at /api/v1/openapi.json. */
export const openApiDocument = () => ({
  openapi: '3.1.0',
  info: {
    title: 'agent-trace API',
    version: '1',
    description:
      'Read-only API over the local agent-trace store, served by `agent-trace serve`. Errors are JSON `{"error":{"code","message"}}`. ' +
      'Requests from another origin are refused; when the server listens on a non-loopback address every request needs `Authorization: Bearer $AGENT_TRACE_TOKEN` ' +
      '(or `?token=` for EventSource). Live updates: GET /api/v1/stream (Server-Sent Events, see that path).',
  },
  servers: [{ url: '/api/v1' }],
  components: {
    schemas: SCHEMAS,
    securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'AGENT_TRACE_TOKEN; required only on non-loopback addresses' } },
  },
  security: [{}, { token: [] }],
  paths: {
    '/sessions': get(
      'Sessions, newest first by default, one page at a time',
      [
        ...TIME,
        ...FILTERS,
        query('user', 'Exact user hash'),
        query('status', 'Session status', { type: 'string', enum: [...SESSION_STATUSES] }),
        query('q', 'Text search: titles and stored content (prompts, tool input and results exist at privacy tiers 2 and 3)'),
        query('sort', 'Sort key', { type: 'string', enum: [...SESSION_SORT_KEYS], default: 'start' }),
        query('order', 'Sort order', { type: 'string', enum: ['asc', 'desc'], default: 'desc' }),
        query('limit', 'Page size', { type: 'integer', minimum: 1, maximum: 500, default: 50 }),
        query('cursor', '`nextCursor` of the previous page'),
      ],
      'SessionPage',
      'One page of sessions',
    ),
    '/sessions/{id}': get('One session', [pathParam('id', 'Session id')], 'Session', 'The session (wrapped: {"session": …})'),
    '/sessions/{id}/timeline': get(
      'The session\'s spans as one flat list in reading order (depth-first, with depth and turn), without attributes',
      [pathParam('id', 'Session id')],
      'Timeline',
      'The timeline',
    ),
    '/sessions/{id}/replay': get('The replay grouped by prompt (the JSON of `agent-trace show --json`)', [pathParam('id', 'Session id')], 'Replay', 'The replay'),
    '/sessions/{id}/tree': get('The span tree with attributes and events', [pathParam('id', 'Session id')], 'SpanTree', 'The span tree'),
    '/sessions/{id}/spans/{spanId}': get(
      'One span: attributes, events, and stored content',
      [pathParam('id', 'Session id'), pathParam('spanId', 'Span id')],
      'SpanDetail',
      'The span',
    ),
    '/reports/{kind}': get(
      'A usage report, the same numbers as `agent-trace report`',
      [
        { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: [...API_REPORT_KINDS] } },
        ...TIME,
        ...FILTERS,
        query('mode', 'Cost mode', { type: 'string', enum: [...COST_MODES], default: 'auto' }),
        query('order', 'Row order', { type: 'string', enum: ['asc', 'desc'] }),
        query('startOfWeek', 'First day of a week (weekly)', { type: 'string', enum: [...WEEKDAYS], default: 'sunday' }),
      ],
      'Report',
      'The report',
    ),
    '/metrics': get(
      'Derived metrics over the spans that started in a window: counts, rates, error rates, latency percentiles, tool usage',
      [...TIME, query('window', 'Shorthand for `since` as a duration (24h, 7d)'), ...FILTERS, query('session', 'One session')],
      'Metrics',
      'The metrics',
    ),
    '/stats': get('Store statistics (as `agent-trace stats --json`)', [], 'Stats', 'The statistics'),
    '/stream': {
      get: {
        summary: 'Live updates as Server-Sent Events',
        description:
          'Events: `session` (a session\'s JSON after a write touched it), `spans` ({sessionId, spans: TimelineRow-like outlines}), ' +
          '`metrics` ({points}), `reset` (the client missed more than the server keeps: reload over REST). Every event has an id; ' +
          'reconnecting with `Last-Event-ID` replays what was missed. A comment is sent every 15 s to keep proxies from closing the stream.',
        parameters: [query('session', 'Only events of this session'), query('token', 'AGENT_TRACE_TOKEN, for clients that cannot set headers')],
        responses: { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors },
      },
    },
    '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } } },
  },
});
