import { asSessionId, type Session, type SessionId, type Span } from '@agent-trace/schema';
import { buildReplay } from '../../query/replay.js';
import { sessionToJson } from '../../query/session-json.js';
import { spanToJson, treeToJson } from '../../query/span-json.js';
import { buildSpanTree } from '../../query/span-tree.js';
import { buildTimeline } from '../../query/timeline.js';
import { SESSION_SORT_KEYS, type SessionSearch } from '../../store/types.js';
import { notFound } from './api-error.js';
import type { ApiContext, RouteHandler } from './api-context.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const MAX_PAGE = 500;

const sessionOr404 = async (ctx: ApiContext, id: string): Promise<Session> => {
  const session = await ctx.store.getSession(asSessionId(id));
  if (!session) throw notFound(`no session '${id}'`);
  return session;
};

/** Stored content lives in `content.*` attributes (tiers 2 and 3); the detail lists it apart from the rest. */
const contentOf = (span: Span): Record<string, unknown> => {
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(span.attributes)) if (key.startsWith('content.')) content[key.slice('content.'.length)] = value;
  return content;
};

export const listSessions: RouteHandler = async ({ ctx, params }) => {
  const tz = params.timezone(ctx.timezone);
  const range = params.timeRange(tz, ctx.now());
  const search: SessionSearch = {
    ...range,
    sort: params.oneOf('sort', SESSION_SORT_KEYS, 'start'),
    order: params.oneOf('order', ['asc', 'desc'] as const, 'desc'),
    limit: params.int('limit', 1, MAX_PAGE, 50),
  };
  const project = params.str('project');
  const model = params.str('model');
  const user = params.str('user');
  const text = params.str('q');
  const agent = params.agent();
  const status = params.status();
  const cursor = params.str('cursor');
  if (project) search.project = project;
  if (model) search.model = model;
  if (user) search.user = user;
  if (text) search.text = text;
  if (agent) search.agent = agent;
  if (status) search.status = status;
  if (cursor) search.after = decodeCursor(cursor);
  const page = await ctx.store.searchSessions(search);
  return { sessions: page.sessions.map(sessionToJson), nextCursor: page.next ? encodeCursor(page.next) : null };
};

export const getSession: RouteHandler = async ({ ctx, path }) => ({ session: sessionToJson(await sessionOr404(ctx, path[0] ?? '')) });

export const getTimeline: RouteHandler = async ({ ctx, path }) => {
  const session = await sessionOr404(ctx, path[0] ?? '');
  return buildTimeline(session, await ctx.store.getSpanOutlines(session.id));
};

/** The same replay as `agent-trace show --json`. */
export const getReplay: RouteHandler = async ({ ctx, path }) => {
  const session = await sessionOr404(ctx, path[0] ?? '');
  return buildReplay(session, await ctx.store.getSpans(session.id));
};

export const getSpanTree: RouteHandler = async ({ ctx, path }) => {
  const session = await sessionOr404(ctx, path[0] ?? '');
  return { session: sessionToJson(session), roots: buildSpanTree(await ctx.store.getSpans(session.id)).map(treeToJson) };
};

export const getSpan: RouteHandler = async ({ ctx, path }) => {
  const sessionId: SessionId = asSessionId(path[0] ?? '');
  const spanId = path[1] ?? '';
  const span = await ctx.store.getSpan(sessionId, spanId);
  if (!span) throw notFound(`no span '${spanId}' in session '${sessionId}'`);
  return { span: spanToJson(span), content: contentOf(span), privacyTier: ctx.privacyTier };
};
