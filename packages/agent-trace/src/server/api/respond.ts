import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from './api-error.js';

/** Bodies above this are gzipped when the client accepts it: a 20,000-span timeline is ~7 MB of JSON, ~0.5 MB gzipped. */
const GZIP_ABOVE_BYTES = 64 * 1024;

/** JSON with bigint written as decimal strings (the store's nanosecond times). */
export const toJson = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

export const sendApiJson = (req: IncomingMessage, res: ServerResponse, status: number, value: unknown): void => {
  const text = Buffer.from(toJson(value));
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Vary: 'Accept-Encoding' };
  const gzip = text.length > GZIP_ABOVE_BYTES && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? gzipSync(text, { level: 1 }) : text;
  if (gzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = String(body.length);
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
};

export const sendApiError = (req: IncomingMessage, res: ServerResponse, err: ApiError, headers: Record<string, string> = {}): void => {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  sendApiJson(req, res, err.status, err.toJSON());
};
