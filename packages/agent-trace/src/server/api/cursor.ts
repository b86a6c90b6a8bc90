import { asSessionId } from '@agent-trace/schema';
import type { SessionCursor } from '../../store/types.js';
import { badParameter } from './api-error.js';

/** Cursors are opaque to clients: base64url JSON of the last row's sort value, start time and id. */
export const encodeCursor = (c: SessionCursor): string =>
  Buffer.from(JSON.stringify({ v: c.value, s: c.startNs.toString(), i: c.id })).toString('base64url');

export const decodeCursor = (text: string): SessionCursor => {
  try {
    const raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { v?: unknown; s?: unknown; i?: unknown };
    if ((typeof raw.v === 'number' || (typeof raw.v === 'string' && /^\d+$/.test(raw.v))) && typeof raw.s === 'string' && /^\d+$/.test(raw.s) && typeof raw.i === 'string') {
      return { value: raw.v, startNs: BigInt(raw.s), id: asSessionId(raw.i) };
    }
  } catch {
    // Falls through to the error below: a cursor that is not ours is a bad parameter, whatever is wrong with it.
  }
  throw badParameter('cursor', 'is not a cursor this server issued; start again without it');
};
