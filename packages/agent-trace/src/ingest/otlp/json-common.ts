import type { Attributes, AttrValue } from '@agent-trace/schema';
import { OtlpDecodeError } from './decode-error.js';
import type { OtlpScope, ResourceItems, ScopeItems } from './model.js';
import type { RejectionList } from './rejection.js';

/**
 * OTLP/JSON (the protobuf JSON mapping, as the OTLP spec fixes it): lowerCamelCase keys (snake_case is
 * accepted too, as protobuf JSON parsers do), trace and span ids as hex, 64-bit integers as decimal strings
 * or numbers, enums as integers (names accepted), bytes otherwise base64.
 */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field by its lowerCamelCase name, else its snake_case one. */
export const field = (obj: Json, camel: string, snake: string): unknown => {
  const v = obj[camel];
  return v === undefined ? obj[snake] : v;
};

/** A bad field inside one record: the record is rejected, its neighbours are kept. */
export class JsonFieldError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const bad = (path: string, expected: string, got: unknown): never => {
  const shown = typeof got === 'string' ? JSON.stringify(got.length > 40 ? `${got.slice(0, 40)}…` : got) : JSON.stringify(got);
  throw new JsonFieldError('invalid_field', `${path}: expected ${expected}, got ${shown ?? typeof got}`);
};

export const str = (obj: Json, camel: string, snake: string, path: string): string => {
  const v = field(obj, camel, snake);
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : bad(`${path}.${camel}`, 'a string', v);
};

const DECIMAL = /^-?\d+$/;

/** fixed64/uint64 times: a decimal string (exact) or a non-negative integer number. */
export const nanos = (obj: Json, camel: string, snake: string, path: string): bigint => {
  const v = field(obj, camel, snake);
  if (v === undefined || v === null) return 0n;
  if (typeof v === 'string' && DECIMAL.test(v) && v[0] !== '-') return BigInt(v);
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return BigInt(v);
  return bad(`${path}.${camel}`, 'nanoseconds as a decimal string or integer', v);
};

/** A 64-bit integer kept exact: a number when safe, else a decimal string. */
const int64 = (v: unknown, path: string): number | string => {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && DECIMAL.test(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : BigInt(v).toString();
  }
  return bad(path, 'a 64-bit integer', v);
};

export const num = (obj: Json, camel: string, snake: string, path: string): number => {
  const v = field(obj, camel, snake);
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
  return bad(`${path}.${camel}`, 'a number', v);
};

/** An enum as its integer, or as its name looked up in `names` (index = value). */
export const enumValue = (obj: Json, camel: string, snake: string, path: string, names: readonly string[]): number => {
  const v = field(obj, camel, snake);
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string') {
    const i = names.indexOf(v);
    if (i >= 0) return i;
  }
  return bad(`${path}.${camel}`, `one of ${names.join(', ')} or its number`, v);
};

const HEX_ID = /^[0-9a-fA-F]*$/;

/** Trace and span ids are hex in OTLP/JSON (not base64). */
export const hexId = (obj: Json, camel: string, snake: string, path: string): string => {
  const v = field(obj, camel, snake);
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'string' && HEX_ID.test(v)) return v.toLowerCase();
  return bad(`${path}.${camel}`, 'a hex id', v);
};

export const array = (obj: Json, camel: string, snake: string, path: string): unknown[] => {
  const v = field(obj, camel, snake);
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : bad(`${path}.${camel}`, 'an array', v);
};

export const object = (obj: Json, camel: string, snake: string, path: string): Json | undefined => {
  const v = field(obj, camel, snake);
  if (v === undefined || v === null) return undefined;
  return isObject(v) ? v : bad(`${path}.${camel}`, 'an object', v);
};

export const anyValue = (v: unknown, path: string): AttrValue => {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) return bad(path, 'an AnyValue object', v);
  for (const key in v) {
    const inner = v[key];
    switch (key) {
      case 'stringValue':
      case 'string_value':
        return typeof inner === 'string' ? inner : bad(`${path}.stringValue`, 'a string', inner);
      case 'boolValue':
      case 'bool_value':
        return typeof inner === 'boolean' ? inner : bad(`${path}.boolValue`, 'a boolean', inner);
      case 'intValue':
      case 'int_value':
        return int64(inner, `${path}.intValue`);
      case 'doubleValue':
      case 'double_value':
        return typeof inner === 'number' ? inner : num(v, key, key, path);
      case 'bytesValue':
      case 'bytes_value':
        return typeof inner === 'string' ? inner : bad(`${path}.bytesValue`, 'base64 text', inner);
      case 'arrayValue':
      case 'array_value': {
        const values = isObject(inner) ? array(inner, 'values', 'values', `${path}.arrayValue`) : bad(`${path}.arrayValue`, 'an object', inner);
        return values.map((item, i) => anyValue(item, `${path}.arrayValue.values[${i}]`));
      }
      case 'kvlistValue':
      case 'kvlist_value': {
        const values = isObject(inner) ? array(inner, 'values', 'values', `${path}.kvlistValue`) : bad(`${path}.kvlistValue`, 'an object', inner);
        return keyValues(values, `${path}.kvlistValue.values`);
      }
      default:
    }
  }
  return null;
};

export const keyValues = (list: unknown[], path: string, into: Attributes = {}): Attributes => {
  for (let i = 0; i < list.length; i++) {
    const kv = list[i];
    if (!isObject(kv) || typeof kv['key'] !== 'string') bad(`${path}[${i}]`, 'a {key, value} object', kv);
    const pair = kv as Json;
    into[pair['key'] as string] = anyValue(pair['value'], `${path}[${i}].value`);
  }
  return into;
};

export const attributes = (obj: Json, path: string): Attributes => keyValues(array(obj, 'attributes', 'attributes', path), `${path}.attributes`);

const scopeOf = (obj: Json | undefined, path: string): OtlpScope =>
  obj ? { name: str(obj, 'name', 'name', path), version: str(obj, 'version', 'version', path) } : { name: '', version: '' };

export interface JsonSignal {
  /** e.g. resourceSpans / resource_spans */
  resources: [string, string];
  scopes: [string, string];
  items: [string, string];
}

/**
 * Walks the JSON envelope. The body and the resource/scope layers must be well-formed (else the request
 * is unreadable: 400); a bad item is rejected on its own with its path, and its neighbours are kept.
 */
export const readJsonEnvelope = <T>(
  body: unknown,
  signal: JsonSignal,
  readItem: (item: Json, path: string) => T,
  rejections: RejectionList,
): ResourceItems<T>[] => {
  if (!isObject(body)) throw new OtlpDecodeError('malformed_json', 'request body must be a JSON object');
  try {
    const [rc, rs] = signal.resources;
    return array(body, rc, rs, '').map((res, ri) => {
      const rpath = `${rc}[${ri}]`;
      if (!isObject(res)) return bad(rpath, 'an object', res);
      const resourceObj = object(res, 'resource', 'resource', rpath);
      const resource = resourceObj ? attributes(resourceObj, `${rpath}.resource`) : {};
      const [sc, ss] = signal.scopes;
      const scopes = array(res, sc, ss, rpath).map((sco, si): ScopeItems<T> => {
        const spath = `${rpath}.${sc}[${si}]`;
        if (!isObject(sco)) return bad(spath, 'an object', sco);
        const scope = scopeOf(object(sco, 'scope', 'scope', spath), `${spath}.scope`);
        const [ic, is] = signal.items;
        const items: T[] = [];
        array(sco, ic, is, spath).forEach((item, ii) => {
          const ipath = `${spath}.${ic}[${ii}]`;
          try {
            if (!isObject(item)) bad(ipath, 'an object', item);
            items.push(readItem(item as Json, ipath));
          } catch (err) {
            if (!(err instanceof JsonFieldError)) throw err;
            rejections.add(err.reason, err.message);
          }
        });
        return { scope, items };
      });
      return { resource, scopes };
    });
  } catch (err) {
    if (err instanceof JsonFieldError) throw new OtlpDecodeError('malformed_json', err.message);
    throw err;
  }
};
