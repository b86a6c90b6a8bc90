import { asSessionId } from '@agent-trace/schema';
import { COST_MODES } from '../../query/cost-mode.js';
import { deriveMetrics } from '../../query/derived-metrics.js';
import { buildReport, REPORT_KINDS, type ReportKind } from '../../query/reports.js';
import { statsToJson } from '../../query/stats-json.js';
import { buildUserReport } from '../../query/user-report.js';
import type { UsageQuery } from '../../store/types.js';
import { WEEKDAYS } from '../../util/timezone.js';
import { notFound } from './api-error.js';
import type { RouteHandler } from './api-context.js';

/** The CLI's report kinds, plus reports by user (hashed). */
export const API_REPORT_KINDS = [...REPORT_KINDS, 'user'] as const;
export type ApiReportKind = (typeof API_REPORT_KINDS)[number];

/** GET /reports/{kind}: the numbers `agent-trace report <kind> --json` prints, from the same code. */
export const getReport: RouteHandler = async ({ ctx, path, params }) => {
  const kind = path[0] ?? '';
  if (!(API_REPORT_KINDS as readonly string[]).includes(kind)) throw notFound(`no report '${kind}'; reports: ${API_REPORT_KINDS.join(', ')}`);
  const timezone = params.timezone(ctx.timezone);
  const now = ctx.now();
  const range = params.timeRange(timezone, now);
  const costMode = params.oneOf('mode', COST_MODES, 'auto');
  const order = params.oneOf('order', ['asc', 'desc'] as const);
  const project = params.str('project');
  const model = params.str('model');
  const agent = params.agent();
  const filters = { ...(project ? { project } : {}), ...(model ? { model } : {}), ...(order ? { order } : {}) };
  if (kind === 'user') return buildUserReport(ctx.store, { range, costMode, ...filters });
  return buildReport(ctx.store, {
    kind: kind as ReportKind,
    timezone,
    range,
    costMode,
    startOfWeek: params.oneOf('startOfWeek', WEEKDAYS, 'sunday'),
    now,
    ...filters,
    ...(agent ? { agent } : {}),
  });
};

/** GET /metrics: counts, rates, error rates, latency percentiles and tool usage over a window. */
export const getMetrics: RouteHandler = async ({ ctx, params }) => {
  const range = params.timeRange(params.timezone(ctx.timezone), ctx.now());
  const query: UsageQuery = { ...range };
  const project = params.str('project');
  const model = params.str('model');
  const agent = params.agent();
  const session = params.str('session');
  if (project) query.project = project;
  if (model) query.model = model;
  if (agent) query.agent = agent;
  if (session) query.sessionId = asSessionId(session);
  return deriveMetrics(await ctx.store.spanFacts(query), range);
};

export const getStats: RouteHandler = async ({ ctx }) => ({ ...statsToJson(await ctx.store.stats()), privacyTier: ctx.privacyTier, demo: ctx.demo });
