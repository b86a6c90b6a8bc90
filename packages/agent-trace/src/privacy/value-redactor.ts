import type { AttrValue } from '@agent-trace/schema';
import { looksLikeJson, parseJsonText, stringifyLike } from './json-text.js';
import { REDACTED } from './placeholders.js';
import type { SecretKeyMatcher } from './secret-keys.js';
import { MIN_REDACTABLE_LENGTH, type TextRedactor } from './text-redactor.js';

/**
 * Deeper than this (JSON inside strings inside JSON, or hostile nesting) a value is replaced whole:
 * redacting it would risk the stack, and real agent payloads stay far shallower.
 */
const MAX_DEPTH = 64;

/** Texts shorter than this are remembered with their redaction, the last 4,096 of them (see redactText). */
const SHORT_TEXT_LENGTH = 128;
/** Texts at least this long are remembered with their redaction, 4 M characters of them (see redactText). */
const LONG_TEXT_LENGTH = 2048;

/** Texts and their redaction, remembered until either bound is reached; then it starts over. */
const recentResults = (maxEntries: number, maxChars: number) => {
  const results = new Map<string, string>();
  let chars = 0;
  return (value: string, compute: (value: string) => string): string => {
    let out = results.get(value);
    if (out === undefined) {
      out = compute(value);
      if (value.length > maxChars / 4) return out;
      if (results.size >= maxEntries || chars + value.length > maxChars) {
        results.clear();
        chars = 0;
      }
      results.set(value, out);
      chars += value.length;
    }
    return out;
  };
};

export interface ValueRedactor {
  redactString(text: string): string;
  redactValue(value: AttrValue, key?: string): AttrValue;
}

const isPlainObject = (value: object): value is Record<string, AttrValue> => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/** Assigns without letting a `__proto__` key (legal in parsed JSON) change the copy's prototype. */
const setOwn = (target: Record<string, AttrValue>, key: string, value: AttrValue): void => {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
};

/**
 * Walks JSON-like values. Nothing is mutated; a container is copied only from the first child that
 * changed, so an unchanged value comes back as the very same object (and strings as themselves).
 */
export const createValueRedactor = (isSecretKey: SecretKeyMatcher, text: TextRedactor): ValueRedactor => {
  /*
   * A string is redacted only when some rule's trigger (or a configured pattern) occurs in it
   * (text.mayMatch). That test is a scan of the whole string with every trigger, so it is made
   * last: text.redact applies the same gate itself, rule by rule, and JSON text is parsed and
   * walked first and the gate asked only when the walk changed something. Same results, and most
   * strings never pay for the full trigger scan.
   */
  const redactString = (value: string, depth: number): string => {
    if (value.length < MIN_REDACTABLE_LENGTH) return value;
    if (looksLikeJson(value)) {
      const parsed = parseJsonText(value);
      if (parsed !== undefined) {
        const redacted = walk(parsed as AttrValue, undefined, depth + 1);
        return Object.is(redacted, parsed) || !text.mayMatch(value) ? value : stringifyLike(value, redacted);
      }
    }
    return redactText(value);
  };

  /*
   * The result of text.redact depends on the text alone (this redactor's rules are fixed), so texts that repeat
   * are redacted once. Short ones repeat most (attribute values: operation, model and tool names, statuses): a
   * lookup costs less than the call into the rules, and unique ones (ids) only churn their own map. Large ones
   * often arrive twice (a tool result in the message and again in the result record; a file read, then edited),
   * and redacting one costs ~15 ns per character against ~1 ns to hash it for a lookup.
   */
  const recentShort = recentResults(4096, 4096 * SHORT_TEXT_LENGTH);
  const recentLong = recentResults(Number.POSITIVE_INFINITY, 4 * 1024 * 1024);
  const redactText = (value: string): string => {
    if (value.length < SHORT_TEXT_LENGTH) return recentShort(value, text.redact);
    if (value.length >= LONG_TEXT_LENGTH) return recentLong(value, text.redact);
    return text.redact(value);
  };

  const walkArray = (items: AttrValue[], depth: number): AttrValue[] => {
    let copy: AttrValue[] | null = null;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as AttrValue;
      const redacted = walk(item, undefined, depth + 1);
      if (copy === null) {
        if (Object.is(redacted, item)) continue;
        copy = items.slice(0, i);
      }
      copy.push(redacted);
    }
    return copy ?? items;
  };

  /**
   * Key-value lists name the key in a field: OTLP attributes (`{key, value: {stringValue}}`), HAR and
   * fetch headers (`{name, value}`). Their `value` is judged by that name.
   */
  const namedKey = (object: Record<string, AttrValue>): string | undefined => {
    if (!('value' in object)) return undefined;
    const name = object['key'] ?? object['name'];
    return typeof name === 'string' && isSecretKey(name) ? name : undefined;
  };

  const walkObject = (object: Record<string, AttrValue>, depth: number): Record<string, AttrValue> => {
    let copy: Record<string, AttrValue> | null = null;
    const keys = Object.keys(object);
    const secretName = namedKey(object);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const value = object[key] as AttrValue;
      const redacted = walk(value, secretName !== undefined && key === 'value' ? secretName : key, depth + 1);
      if (copy === null) {
        if (Object.is(redacted, value)) continue;
        copy = {};
        for (let j = 0; j < i; j++) setOwn(copy, keys[j] as string, object[keys[j] as string] as AttrValue);
      }
      setOwn(copy, key, redacted);
    }
    return copy ?? object;
  };

  const walk = (value: AttrValue, key: string | undefined, depth: number): AttrValue => {
    if (value === null || typeof value === 'boolean' || value === undefined) return value;
    // A secret key hides its whole value, whatever its type; null and booleans say nothing secret.
    if (key !== undefined && isSecretKey(key)) return value === REDACTED ? value : REDACTED;
    if (typeof value === 'string') return redactString(value, depth);
    if (typeof value !== 'object') return value;
    if (depth > MAX_DEPTH) return REDACTED;
    if (Array.isArray(value)) return walkArray(value, depth);
    return isPlainObject(value) ? walkObject(value, depth) : value;
  };

  return {
    redactString: (value) => redactString(value, 0),
    redactValue: (value, key) => walk(value, key, 0),
  };
};
