import type { Attributes, AttrValue, SessionId, Span, SpanEvent, SpanId, TraceId, Usage } from '@agent-trace/schema';

/**
 * A compact form of a list of spans for the trip between threads: from the import's parse workers
 * (read-worker-main.ts) and from the collector's OTLP worker (server/otlp-worker-main.ts) to the thread that writes.
 * Structured clone would write every span as an object with all its keys and strings (28 MB for the 56,256 spans of
 * the 300 MB bench corpus), and reading that back cost the receiving thread more than the sender saved it (~0.25 s
 * of the import's main thread). Here every span is a run of numbers in one Float64Array and its times in a
 * BigInt64Array (both transferred, not copied), and repeated strings are sent once. Unpacking builds the same
 * objects: same keys in the same order, at every level.
 *
 * The form carries the two shapes our mappings make: makeSpan's keys in the order the transcript parser gives them
 * (`source` after `events`) or in the order the OTLP mapping gives them (`source` last), events included; attribute
 * values that are arrays or maps travel by structured clone beside it. packSpans returns null for any other shape,
 * and the caller then sends the spans as they are.
 */
export interface PackedSpans {
  count: number;
  strings: string[];
  numbers: Float64Array;
  /** Start and end of each span (0 for no end), then each event's time, in order. */
  times: BigInt64Array;
  /** Attribute values that are arrays or maps, in order of appearance. */
  values: AttrValue[];
}

/** makeSpan's defaults first, then the core fields in the order the transcript parser gives them. */
const TRANSCRIPT_KEYS = [
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
/** The same keys in the order the OTLP mapping gives them (baseSpan, BatchBuilder's session root): `source` last. */
const OTLP_KEYS = [...TRANSCRIPT_KEYS.filter((k) => k !== 'source'), 'source'] as const;
const USAGE_KEYS = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'reasoning'] as const;
const EVENT_KEYS = ['name', 'timeNs', 'attributes'] as const;

const HAS_END = 1;
const HAS_COST = 2;
const HAS_REPORTED_COST = 4;
const HAS_USAGE = 8;
/** The span's keys are in OTLP_KEYS's order (else TRANSCRIPT_KEYS's). */
const SOURCE_LAST = 16;

const ATTR_STRING = 0;
const ATTR_NUMBER = 1;
const ATTR_TRUE = 2;
const ATTR_FALSE = 3;
const ATTR_NULL = 4;
/** An array or map, sent in `values`. */
const ATTR_VALUE = 5;

const NO_STRING = -1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const hasKeys = (value: object, keys: readonly string[]): boolean => {
  let i = 0;
  for (const key in value) if (key !== keys[i++]) return false;
  return i === keys.length;
};

const fitsInt64 = (v: unknown): v is bigint => typeof v === 'bigint' && v >= INT64_MIN && v <= INT64_MAX;

const isPlainAttributes = (v: unknown): v is Attributes => typeof v === 'object' && v !== null && !Array.isArray(v);

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

/**
 * Packing state, reused from one call to the next: the numbers go straight into a Float64Array that grows by
 * doubling. Packing into a plain array through per-call closures cost the worker 1.7-5 µs per span (it slowed down
 * as V8 reoptimised it); this way about 0.5 µs (bench/otlp-ingest.mjs's spans).
 */
class Packer {
  numbers = new Float64Array(1 << 14);
  n = 0;
  strings: string[] = [];
  times: bigint[] = [];
  values: AttrValue[] = [];
  readonly last: Array<string | null> = new Array<string | null>(SLOTS).fill(null);
  readonly lastAt: number[] = new Array<number>(SLOTS).fill(NO_STRING);
  // Attribute keys are sent once each; a string value is sent again only when it differs from the last value
  // of the same key (OTLP batches repeat operation names, services, scopes and models span after span).
  keys = new Map<string, number>();
  lastValue: Array<string | undefined> = [];
  lastValueAt: number[] = [];

  reset(): void {
    this.n = 0;
    this.strings = [];
    this.times = [];
    this.values = [];
    this.last.fill(null);
    this.lastAt.fill(NO_STRING);
    this.keys = new Map();
    this.lastValue = [];
    this.lastValueAt = [];
  }

  push(v: number): void {
    if (this.n === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[this.n++] = v;
  }

  add(v: string): number {
    return this.strings.push(v) - 1;
  }

  slot(i: number, v: unknown): boolean {
    if (typeof v !== 'string') return false;
    if (v !== this.last[i]) {
      this.last[i] = v;
      this.lastAt[i] = this.add(v);
    }
    this.push(this.lastAt[i]!);
    return true;
  }

  slotOrNull(i: number, v: unknown): boolean {
    if (v !== null) return this.slot(i, v);
    this.push(NO_STRING);
    return true;
  }

  attributes(attributes: unknown): boolean {
    if (!isPlainAttributes(attributes)) return false;
    const countAt = this.n;
    this.push(0);
    let count = 0;
    for (const key in attributes) {
      // Rebuilt by assignment, '__proto__' would set the prototype instead of a key.
      if (key === '__proto__') return false;
      const v = attributes[key];
      let keyAt = this.keys.get(key);
      if (keyAt === undefined) {
        keyAt = this.add(key);
        this.keys.set(key, keyAt);
      }
      this.push(keyAt);
      if (typeof v === 'string') {
        if (this.lastValue[keyAt] !== v) {
          this.lastValue[keyAt] = v;
          this.lastValueAt[keyAt] = this.add(v);
        }
        this.push(ATTR_STRING);
        this.push(this.lastValueAt[keyAt]!);
      } else if (typeof v === 'number') {
        this.push(ATTR_NUMBER);
        this.push(v);
      } else if (v === true) this.push(ATTR_TRUE);
      else if (v === false) this.push(ATTR_FALSE);
      else if (v === null) this.push(ATTR_NULL);
      else if (typeof v === 'object') {
        this.push(ATTR_VALUE);
        this.push(this.values.push(v) - 1);
      } else return false;
      count++;
    }
    this.numbers[countAt] = count;
    return true;
  }

  span(span: Span): boolean {
    if (typeof span !== 'object' || span === null || !Array.isArray(span.events)) return false;
    const sourceLast = !hasKeys(span, TRANSCRIPT_KEYS);
    if (sourceLast && !hasKeys(span, OTLP_KEYS)) return false;
    if (!fitsInt64(span.startNs) || !(span.endNs === null || fitsInt64(span.endNs))) return false;
    this.times.push(span.startNs, span.endNs ?? 0n);
    const ok =
      this.slot(TRACE, span.traceId) &&
      this.slot(SPAN, span.spanId) &&
      this.slotOrNull(PARENT, span.parentSpanId) &&
      this.slot(SESSION, span.sessionId) &&
      this.slot(NAME, span.name) &&
      this.slot(TYPE, span.type) &&
      this.slot(STATUS, span.status) &&
      this.slotOrNull(STATUS_MESSAGE, span.statusMessage) &&
      this.slot(SOURCE, span.source) &&
      this.slotOrNull(MODEL, span.model) &&
      this.slotOrNull(TOOL, span.toolName);
    if (!ok) return false;
    const { costUsd, reportedCostUsd, usage, events } = span;
    if ((costUsd !== null && typeof costUsd !== 'number') || (reportedCostUsd !== null && typeof reportedCostUsd !== 'number')) return false;
    if (usage !== null && (typeof usage !== 'object' || !hasKeys(usage, USAGE_KEYS))) return false;
    this.push(
      (span.endNs !== null ? HAS_END : 0) |
        (sourceLast ? SOURCE_LAST : 0) |
        (costUsd !== null ? HAS_COST : 0) |
        (reportedCostUsd !== null ? HAS_REPORTED_COST : 0) |
        (usage !== null ? HAS_USAGE : 0),
    );
    if (costUsd !== null) this.push(costUsd);
    if (reportedCostUsd !== null) this.push(reportedCostUsd);
    if (usage !== null) {
      for (const key of USAGE_KEYS) {
        const n = usage[key];
        if (typeof n !== 'number') return false;
        this.push(n);
      }
    }
    if (!this.attributes(span.attributes)) return false;
    this.push(events.length);
    for (const e of events as unknown[]) {
      if (typeof e !== 'object' || e === null || !hasKeys(e, EVENT_KEYS)) return false;
      const { name, timeNs, attributes } = e as SpanEvent;
      if (typeof name !== 'string' || !fitsInt64(timeNs)) return false;
      this.push(this.add(name));
      this.times.push(timeNs);
      if (!this.attributes(attributes)) return false;
    }
    return true;
  }
}

const packer = new Packer();

/** The spans packed, or null when one of them has a shape this form does not carry. */
export const packSpans = (spans: readonly Span[]): PackedSpans | null => {
  packer.reset();
  for (const span of spans) if (!packer.span(span)) return null;
  const packed = {
    count: spans.length,
    strings: packer.strings,
    numbers: packer.numbers.slice(0, packer.n),
    times: BigInt64Array.from(packer.times),
    values: packer.values,
  };
  packer.reset();
  return packed;
};

/** The buffers to transfer with a packed list (they are detached on the sending side). */
export const packedTransferList = (packed: PackedSpans): ArrayBuffer[] => [packed.numbers.buffer as ArrayBuffer, packed.times.buffer as ArrayBuffer];

/** The spans packSpans was given, rebuilt. */
export const unpackSpans = (packed: PackedSpans): Span[] => {
  const { strings, numbers, times, values } = packed;
  const spans: Span[] = new Array<Span>(packed.count);
  let at = 0;
  let timeAt = 0;
  const str = (): string => strings[numbers[at++]!]!;
  const strOrNull = (): string | null => {
    const i = numbers[at++]!;
    return i === NO_STRING ? null : strings[i]!;
  };
  const attributesOf = (): Attributes => {
    const attributes: Attributes = {};
    const count = numbers[at++]!;
    for (let a = 0; a < count; a++) {
      const key = str();
      const tag = numbers[at++]!;
      attributes[key] =
        tag === ATTR_STRING
          ? str()
          : tag === ATTR_NUMBER
            ? numbers[at++]!
            : tag === ATTR_TRUE
              ? true
              : tag === ATTR_FALSE
                ? false
                : tag === ATTR_NULL
                  ? null
                  : values[numbers[at++]!]!;
    }
    return attributes;
  };
  for (let i = 0; i < packed.count; i++) {
    const startNs = times[timeAt]!;
    const endAt = timeAt + 1;
    timeAt += 2;
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
    const attributes = attributesOf();
    const eventCount = numbers[at++]!;
    const events: SpanEvent[] = new Array<SpanEvent>(eventCount);
    for (let e = 0; e < eventCount; e++) {
      const eventName = str();
      const timeNs = times[timeAt++]!;
      events[e] = { name: eventName, timeNs, attributes: attributesOf() };
    }
    const endNs = flags & HAS_END ? times[endAt]! : null;
    // One object literal per key order: V8 gives each its own hidden class, as the mappings' own objects have.
    spans[i] =
      flags & SOURCE_LAST
        ? { statusMessage, model, toolName, usage, costUsd, reportedCostUsd, attributes, events, traceId, spanId, parentSpanId, sessionId, name, type, startNs, endNs, status, source }
        : { statusMessage, model, toolName, usage, costUsd, reportedCostUsd, attributes, events, source, traceId, spanId, parentSpanId, sessionId, name, type, startNs, endNs, status };
  }
  return spans;
};
