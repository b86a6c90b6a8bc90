import type { LogRecord, Span } from '@agent-trace/schema';
import type { SessionUpsert, WriteBatch } from '../../store/types.js';
import type { SpooledHookEvent } from '../../spool/envelope.js';
import { mapHookEvent } from './map-hook-event.js';

export interface MappedSpool {
  /** All events that mapped, as one batch (one store transaction). */
  batch: WriteBatch;
  /** Events that can never map, by index, with the reason: for `drainSpool`'s dead-letter file. */
  rejected: Array<{ index: number; reason: string }>;
}

/**
 * Maps a batch of spooled hook events (what `drainSpool` hands its `send`) with the time and digest the hook
 * command recorded, so each event gets the ids it would have had if the collector had received it directly.
 * One bad event is reported, never drops the others.
 */
export const mapSpooledEvents = (events: readonly SpooledHookEvent[]): MappedSpool => {
  const sessions: SessionUpsert[] = [];
  const spans: Span[] = [];
  const logs: LogRecord[] = [];
  const rejected: MappedSpool['rejected'] = [];
  events.forEach((event, index) => {
    try {
      const b = mapHookEvent(event.payload, { receivedAtNs: event.receivedAtNs, payloadDigest: event.payloadDigest });
      sessions.push(...(b.sessions ?? []));
      spans.push(...(b.spans ?? []));
      logs.push(...(b.logs ?? []));
    } catch (err) {
      rejected.push({ index, reason: (err as Error).message });
    }
  });
  return { batch: { sessions, spans, logs }, rejected };
};
