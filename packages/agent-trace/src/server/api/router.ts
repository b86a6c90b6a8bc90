import type { IncomingMessage, ServerResponse } from 'node:http';
import { getMetrics, getReport, getStats } from './analytics-routes.js';
import { ApiError } from './api-error.js';
import type { ApiContext, RouteHandler } from './api-context.js';
import { openApiDocument } from './openapi.js';
import { Params } from './params.js';
import { sendApiError, sendApiJson } from './respond.js';
import { getReplay, getSession, getSpan, getSpanTree, getTimeline, listSessions } from './sessions-routes.js';

export const API_PREFIX = '/api/v1';

interface Route {
  pattern: RegExp;
  handler: RouteHandler;
}

const SEGMENT = '([^/]+)';
const routes: Route[] = [
  { pattern: /^\/openapi\.json$/, handler: async () => openApiDocument() },
  { pattern: /^\/sessions$/, handler: listSessions },
  { pattern: new RegExp(`^/sessions/${SEGMENT}$`), handler: getSession },
  { pattern: new RegExp(`^/sessions/${SEGMENT}/timeline$`), handler: getTimeline },
  { pattern: new RegExp(`^/sessions/${SEGMENT}/replay$`), handler: getReplay },
  { pattern: new RegExp(`^/sessions/${SEGMENT}/tree$`), handler: getSpanTree },
  { pattern: new RegExp(`^/sessions/${SEGMENT}/spans/${SEGMENT}$`), handler: getSpan },
  { pattern: new RegExp(`^/reports/${SEGMENT}$`), handler: getReport },
  { pattern: /^\/metrics$/, handler: getMetrics },
  { pattern: /^\/stats$/, handler: getStats },
];

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError('bad_parameter', `path segment '${segment}' is not valid percent-encoding`);
  }
};

/** Answers GET requests under /api/v1 (JSON); every failure is a JSON error with a code and a message. */
export const createApiRouter = (ctx: ApiContext) => {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const sub = url.pathname.slice(API_PREFIX.length) || '/';
    try {
      for (const route of routes) {
        const m = route.pattern.exec(sub);
        if (!m) continue;
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          sendApiError(req, res, new ApiError('method_not_allowed', `${url.pathname} takes GET`), { Allow: 'GET, HEAD' });
          return;
        }
        const body = await route.handler({ ctx, path: m.slice(1).map(decode), params: new Params(url.searchParams) });
        sendApiJson(req, res, 200, body);
        return;
      }
      throw new ApiError('not_found', `no API route for ${req.method ?? 'GET'} ${url.pathname}; see ${API_PREFIX}/openapi.json`);
    } catch (err) {
      if (err instanceof ApiError) sendApiError(req, res, err);
      else throw err;
    }
  };
};
