import type { Attributes, AttrValue } from '@agent-trace/schema';

/**
 * Readers for attribute values that agents send in loose types: Claude Code puts numbers and booleans in
 * strings ("123", "true"), int64 may arrive as a decimal string.
 */
export const asString = (v: AttrValue | undefined): string | null => {
  if (typeof v === 'string') return v.length > 0 ? v : null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
};

export const asNumber = (v: AttrValue | undefined): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
};

/** A token count: a non-negative integer, else null. */
export const asCount = (v: AttrValue | undefined): number | null => {
  const n = asNumber(v);
  return n !== null && n >= 0 ? Math.round(n) : null;
};

export const asBool = (v: AttrValue | undefined): boolean | null => {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 1 || v === '1') return true;
  if (v === 'false' || v === 0 || v === '0') return false;
  return null;
};

const NUMERIC_SUFFIXES = ['_ms', '_tokens', '_bytes', '_count', '_length', '_usd', '_micros', '.sequence', '.duration_ms'];
const NUMERIC_KEYS = new Set(['attempt', 'status_code', 'total_tool_uses', 'num_hooks']);
const BOOLEAN_KEYS = new Set(['success', 'interactive', 'is_error']);

const isNumericKey = (key: string): boolean =>
  NUMERIC_KEYS.has(key) || key.startsWith('num_') || NUMERIC_SUFFIXES.some((suffix) => key.endsWith(suffix));

/**
 * Turns the string-typed numbers and booleans of known numeric/boolean keys into real ones, in place
 * (the attributes object is the decoder's own). Other strings are left alone: an id such as "1234" stays text.
 */
export const coerceLooseValues = (attrs: Attributes): void => {
  for (const key in attrs) {
    const v = attrs[key];
    if (typeof v !== 'string') continue;
    if (BOOLEAN_KEYS.has(key)) {
      const b = asBool(v);
      if (b !== null) attrs[key] = b;
    } else if (isNumericKey(key)) {
      const n = asNumber(v);
      if (n !== null) attrs[key] = n;
    }
  }
};
