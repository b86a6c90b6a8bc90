import type { Attributes, SessionId, Span, SpanId, TraceId, Usage } from '@agent-trace/schema';

/**
 * A compact form of a batch's spans for the trip from the import worker to the main thread. postMessage's
 * structured clone writes every span as an object with all its keys and strings (28 MB for the 56,256 spans of the
 * 300 MB bench corpus) and reading that back cost the main thread about 0.25 s. Here every span is a run of
 * numbers in one Float64Array and its two times in a BigInt64Array (both transferred, not copied), and each
 * distinct string is sent once. Unpacking builds the same objects: same keys in the same order, attributes too.
 *
 * Only the shape the transcript parser makes is packed (makeSpan's keys in its order, no events, usage with its
 * six counts, attribute values that are strings, numbers, booleans or null); packSpans returns null for anything
 * else and the caller sends the spans as they are.
 */
export interface PackedSpans {
  count: number;
  strings: string[];
  numbers: Float64Array;
  times: BigInt64Array;
}

/** makeSpan's key order (its defaults first, then the core fields in the order the transcript parser gives them). */
const SPAN_KEYS = [
  'statusMessage',
  'model',
  'toolName',
  'usage',
  'costUsd',
  'reportedCostUsd',
  'attributes',
  'events',
  'source',
  'traceId',
  'spanId',
  'parentSpanId',
  'sessionId',
  'name',
  'type',
  'startNs',
  'endNs',
  'status',
] as const;
const USAGE_KEYS = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'reasoning'] as const;

const HAS_END = 1;
const HAS_COST = 2;
const HAS_REPORTED_COST = 4;
const HAS_USAGE = 8;

const ATTR_STRING = 0;
const ATTR_NUMBER = 1;
const ATTR_TRUE = 2;
const ATTR_FALSE = 3;
const ATTR_NULL = 4;

const NO_STRING = -1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const hasKeys = (value: object, keys: readonly string[]): boolean => {
  let i = 0;
  for (const key in value) if (key !== keys[i++]) return false;
  return i === keys.length;
};

const fitsInt64 = (v: unknown): v is bigint => typeof v === 'bigint' && v >= INT64_MIN && v <= INT64_MAX;

/** String slots of a span, in packing order; each keeps the last string it saw, to send repeats once. */
const TRACE = 0;
const SPAN = 1;
const PARENT = 2;
const SESSION = 3;
const NAME = 4;
const TYPE = 5;
const STATUS = 6;
const STATUS_MESSAGE = 7;
const SOURCE = 8;
const MODEL = 9;
const TOOL = 10;
const SLOTS = 11;

/** The spans packed, or null when one of them has a shape this form does not carry. */
export const packSpans = (spans: readonly Span[]): PackedSpans | null => {
  const strings: string[] = [];
  const numbers: number[] = [];
  const times = new BigInt64Array(spans.length * 2);
  // Repeats are found by comparing with the previous span's value in the same slot (spans of one session come
  // together) and, for attribute keys, in a small map; other strings are sent as they come. A map over every
  // string cost the worker ~0.12 s on the bench corpus, more than the strings it saved.
  const last: Array<string | null> = new Array<string | null>(SLOTS).fill(null);
  const lastAt: number[] = new Array<number>(SLOTS).fill(NO_STRING);
  const keys = new Map<string, number>();
  const add = (v: string): number => strings.push(v) - 1;
  const slot = (i: number, v: unknown): boolean => {
    if (typeof v !== 'string') return false;
    if (v !== last[i]) {
      last[i] = v;
      lastAt[i] = add(v);
    }
    numbers.push(lastAt[i]!);
    return true;
  };
  const slotOrNull = (i: number, v: unknown): boolean => {
    if (v !== null) return slot(i, v);
    numbers.push(NO_STRING);
    return true;
  };
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    if (!hasKeys(span, SPAN_KEYS) || !Array.isArray(span.events) || span.events.length !== 0) return null;
    if (!fitsInt64(span.startNs) || !(span.endNs === null || fitsInt64(span.endNs))) return null;
    times[2 * i] = span.startNs;
    times[2 * i + 1] = span.endNs ?? 0n;
    const ok =
      slot(TRACE, span.traceId) &&
      slot(SPAN, span.spanId) &&
      slotOrNull(PARENT, span.parentSpanId) &&
      slot(SESSION, span.sessionId) &&
      slot(NAME, span.name) &&
      slot(TYPE, span.type) &&
      slot(STATUS, span.status) &&
      slotOrNull(STATUS_MESSAGE, span.statusMessage) &&
      slot(SOURCE, span.source) &&
      slotOrNull(MODEL, span.model) &&
      slotOrNull(TOOL, span.toolName);
    if (!ok) return null;
    const { costUsd, reportedCostUsd, usage, attributes } = span;
    if ((costUsd !== null && typeof costUsd !== 'number') || (reportedCostUsd !== null && typeof reportedCostUsd !== 'number')) return null;
    if (usage !== null && (typeof usage !== 'object' || !hasKeys(usage, USAGE_KEYS))) return null;
    numbers.push(
      (span.endNs !== null ? HAS_END : 0) |
        (costUsd !== null ? HAS_COST : 0) |
        (reportedCostUsd !== null ? HAS_REPORTED_COST : 0) |
        (usage !== null ? HAS_USAGE : 0),
    );
    if (costUsd !== null) numbers.push(costUsd);
    if (reportedCostUsd !== null) numbers.push(reportedCostUsd);
    if (usage !== null) {
      for (const key of USAGE_KEYS) {
        const n = usage[key];
        if (typeof n !== 'number') return null;
        numbers.push(n);
      }
    }
    if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) return null;
    const countAt = numbers.length;
    numbers.push(0);
    let count = 0;
    for (const key in attributes) {
      // Rebuilt by assignment, '__proto__' would set the prototype instead of a key.
      if (key === '__proto__') return null;
      const v = attributes[key];
      let keyAt = keys.get(key);
      if (keyAt === undefined) {
        keyAt = add(key);
        keys.set(key, keyAt);
      }
      numbers.push(keyAt);
      if (typeof v === 'string') numbers.push(ATTR_STRING, add(v));
      else if (typeof v === 'number') numbers.push(ATTR_NUMBER, v);
      else if (v === true) numbers.push(ATTR_TRUE);
      else if (v === false) numbers.push(ATTR_FALSE);
      else if (v === null) numbers.push(ATTR_NULL);
      else return null;
      count++;
    }
    numbers[countAt] = count;
  }
  return { count: spans.length, strings, numbers: Float64Array.from(numbers), times };
};

/** The spans packSpans was given, rebuilt. */
export const unpackSpans = (packed: PackedSpans): Span[] => {
  const { strings, numbers, times } = packed;
  const spans: Span[] = new Array<Span>(packed.count);
  let at = 0;
  const str = (): string => strings[numbers[at++]!]!;
  const strOrNull = (): string | null => {
    const i = numbers[at++]!;
    return i === NO_STRING ? null : strings[i]!;
  };
  for (let i = 0; i < packed.count; i++) {
    const traceId = str() as TraceId;
    const spanId = str() as SpanId;
    const parentSpanId = strOrNull() as SpanId | null;
    const sessionId = str() as SessionId;
    const name = str();
    const type = str() as Span['type'];
    const status = str() as Span['status'];
    const statusMessage = strOrNull();
    const source = str() as Span['source'];
    const model = strOrNull();
    const toolName = strOrNull();
    const flags = numbers[at++]!;
    const costUsd = flags & HAS_COST ? numbers[at++]! : null;
    const reportedCostUsd = flags & HAS_REPORTED_COST ? numbers[at++]! : null;
    let usage: Usage | null = null;
    if (flags & HAS_USAGE) {
      usage = {
        input: numbers[at]!,
        output: numbers[at + 1]!,
        cacheRead: numbers[at + 2]!,
        cacheWrite5m: numbers[at + 3]!,
        cacheWrite1h: numbers[at + 4]!,
        reasoning: numbers[at + 5]!,
      };
      at += 6;
    }
    const attributes: Attributes = {};
    const count = numbers[at++]!;
    for (let a = 0; a < count; a++) {
      const key = str();
      const tag = numbers[at++]!;
      attributes[key] =
        tag === ATTR_STRING ? str() : tag === ATTR_NUMBER ? numbers[at++]! : tag === ATTR_TRUE ? true : tag === ATTR_FALSE ? false : null;
    }
    spans[i] = {
      statusMessage,
      model,
      toolName,
      usage,
      costUsd,
      reportedCostUsd,
      attributes,
      events: [],
      source,
      traceId,
      spanId,
      parentSpanId,
      sessionId,
      name,
      type,
      startNs: times[2 * i]!,
      endNs: flags & HAS_END ? times[2 * i + 1]! : null,
      status,
    };
  }
  return spans;
};
