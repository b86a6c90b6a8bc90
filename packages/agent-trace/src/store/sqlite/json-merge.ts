import type { Database } from 'better-sqlite3';
import type { Attributes, SpanEvent } from '@agent-trace/schema';

/** A span event as stored in the `events` JSON column: the bigint time as a decimal string. */
interface StoredEvent {
  name: string;
  timeNs: string;
  attributes: Attributes;
}

export const encodeEvents = (events: readonly SpanEvent[]): string =>
  events.length === 0
    ? '[]'
    : JSON.stringify(events.map((e) => ({ name: e.name, timeNs: e.timeNs.toString(), attributes: e.attributes })));

export const decodeEvents = (json: string): SpanEvent[] =>
  json === '[]'
    ? []
    : (JSON.parse(json) as StoredEvent[]).map((e) => ({ name: e.name, timeNs: BigInt(e.timeNs), attributes: e.attributes }));

/** Attributes merged, keys of the newer span win. */
export const mergeAttributesJson = (older: string, newer: string): string =>
  JSON.stringify({ ...(JSON.parse(older) as Attributes), ...(JSON.parse(newer) as Attributes) });

/**
 * Events unioned. An event is identified by its name and time: the same event arriving twice is kept once,
 * with its attributes merged (newer keys win). The result is ordered by time, then name.
 */
export const unionEventsJson = (older: string, newer: string): string => {
  const byKey = new Map<string, StoredEvent>();
  for (const e of [...(JSON.parse(older) as StoredEvent[]), ...(JSON.parse(newer) as StoredEvent[])]) {
    const key = `${e.timeNs}\u001f${e.name}`;
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, attributes: { ...seen.attributes, ...e.attributes } } : e);
  }
  const merged = [...byKey.values()].sort((a, b) => {
    const ta = BigInt(a.timeNs);
    const tb = BigInt(b.timeNs);
    return ta < tb ? -1 : ta > tb ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return JSON.stringify(merged);
};

/**
 * SQL functions used by the span upsert's ON CONFLICT clause, so a merge needs no read-back into JS.
 * The SQL calls them only when both sides are non-empty and differ (the common re-import case is a
 * plain string comparison).
 */
export const registerJsonMergeFunctions = (db: Database): void => {
  db.function('at_merge_attributes', { deterministic: true }, (older: unknown, newer: unknown) =>
    mergeAttributesJson(String(older), String(newer)),
  );
  db.function('at_union_events', { deterministic: true }, (older: unknown, newer: unknown) =>
    unionEventsJson(String(older), String(newer)),
  );
};
