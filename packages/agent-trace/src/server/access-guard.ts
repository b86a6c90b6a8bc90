import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api/api-error.js';
import { sendApiError } from './api/respond.js';

export interface AccessPolicy {
  /** AGENT_TRACE_TOKEN: when set, every request but the dashboard's static files and /healthz must carry it. */
  token: string | null;
  /** Listening on a loopback address: then the Host header must name loopback too (no DNS rebinding). */
  loopback: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const hostName = (host: string): string => (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0] ?? '').toLowerCase();

const sameToken = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const bearer = (req: IncomingMessage, url: URL): string | null => {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  // EventSource cannot set headers: the stream (and only a GET) may carry the token in the query.
  return req.method === 'GET' ? url.searchParams.get('token') : null;
};

/**
 * Who may use the server. Browsers send Origin on cross-origin requests (and Sec-Fetch-Site): any origin
 * other than the server's own is refused, so a web page the user visits cannot read traces or inject spans.
 * On loopback, a Host other than a loopback name is refused too: that is what a DNS-rebinding page sends.
 * With a token configured, requests without it are refused (401), OTLP and hook ingest included.
 * The dashboard's own files (and /healthz) are public apart from the Host check: they hold no data, and a
 * link to the dashboard from another site must open it. Returns the refusal, or null when the request may go on.
 */
export const refusal = (req: IncomingMessage, url: URL, policy: AccessPolicy, isPublicAsset: boolean): ApiError | null => {
  const host = req.headers.host ?? '';
  if (policy.loopback && !LOOPBACK_HOSTS.has(hostName(host))) {
    return new ApiError('forbidden_origin', `Host '${host}' is not a loopback name; this server only answers requests addressed to 127.0.0.1, ::1 or localhost`);
  }
  if (isPublicAsset) return null;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return new ApiError('forbidden_origin', `Origin '${origin}' is not a URL`);
    }
    if (originHost !== host) return new ApiError('forbidden_origin', `requests from origin '${origin}' are refused; only pages served by this server may call it`);
  } else if (origin === 'null' || req.headers['sec-fetch-site'] === 'cross-site') {
    return new ApiError('forbidden_origin', 'cross-site requests are refused');
  }
  if (policy.token !== null) {
    const given = bearer(req, url);
    if (given === null || !sameToken(given, policy.token)) {
      return new ApiError('unauthorized', 'this server requires a token: send Authorization: Bearer $AGENT_TRACE_TOKEN');
    }
  }
  return null;
};

/** Answers a refused request; false when the request may go on. */
export const refuseIfNotAllowed = (req: IncomingMessage, res: ServerResponse, url: URL, policy: AccessPolicy, isPublicAsset: boolean): boolean => {
  const refused = refusal(req, url, policy, isPublicAsset);
  if (!refused) return false;
  req.resume();
  sendApiError(req, res, refused, refused.code === 'unauthorized' ? { 'WWW-Authenticate': 'Bearer realm="agent-trace"' } : {});
  return true;
};
