import { createHash } from 'node:crypto';

/**
 * SHA-256 of a parsed hook payload, re-serialised. JSON.parse keeps key order, so the same stdin text always
 * gives the same digest, whether the collector hashes the body it received or the hook command hashed it
 * before spooling. The hook command puts this digest in the spool envelope because the spooled copy has its
 * content fields stripped (see content-fields.ts): the event id must not change with that.
 *
 * Imports only node built-ins: the `agent-trace hook` fast path loads it.
 */
export const payloadDigest = (payload: unknown): string =>
  createHash('sha256').update(JSON.stringify(payload) ?? '').digest('hex');
