import type { Usage } from '@agent-trace/schema';
import { isCount, isObject, type ClaudeLine, type ClaudeMessage } from './schema.js';

/**
 * Which lines count for usage, reproducing ccusage 20 (the `session`/`monthly`/`weekly`/`blocks` loader,
 * `push_deduped_entry` in rust/adapters/claude/src/lib.rs; checked against the 20.0.24 binary):
 *
 * - the raw line must contain `"usage":{`;
 * - a line is dropped when one of a fixed set of keys appears anywhere as `"key":null` (ccusage's
 *   pre-parse null filter, which also hits such keys inside tool input);
 * - `timestamp` must be a date, `message.usage.input_tokens`/`output_tokens` non-negative integers,
 *   optional counts integers, `speed` absent, "standard" or "fast", flags booleans, ids strings;
 * - a `version` that is not `N.N.N…`, or an empty `sessionId`, `requestId`, `message.id` or `model`,
 *   drops the line.
 *
 * `ccusage claude daily` (a separate loader) differs in two corners: it also counts usage embedded in
 * `progress` lines, and keys lines without a `requestId` by timestamp as well. The other reports and
 * this importer do neither, so daily totals can differ from ccusage daily only in those two cases.
 */
const USAGE_MARKER = '"usage":{';

const NULL_REJECTING_KEYS: ReadonlySet<string> = new Set([
  'id',
  'cwd',
  'model',
  'speed',
  'costUSD',
  'version',
  'sessionId',
  'requestId',
  'isApiErrorMessage',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
]);

export interface UsageEntry {
  usage: Usage;
  /** input + output + cache writes + cache reads, the quantity "larger total wins" compares. */
  total: number;
  speed: 'standard' | 'fast' | null;
}

/** The counted usage of a line, or null when ccusage would not count it. */
export const usageEntryOf = (raw: string, line: ClaudeLine, message: ClaudeMessage): UsageEntry | null => {
  if (!raw.includes(USAGE_MARKER) || hasRejectedNull(raw)) return null;
  if (!envelopeIsValid(line, message)) return null;
  return readUsage(message.usage);
};

const optionalString = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';
const optionalBool = (v: unknown): boolean => v === undefined || v === null || typeof v === 'boolean';
const optionalCount = (v: unknown): boolean => v === undefined || v === null || isCount(v);

const envelopeIsValid = (line: ClaudeLine, message: ClaudeMessage): boolean => {
  if (typeof line.timestamp !== 'string' || !Number.isFinite(Date.parse(line.timestamp))) return false;
  if (!optionalString(line.sessionId) || line.sessionId === '') return false;
  if (!optionalString(line.requestId) || line.requestId === '') return false;
  if (!optionalString(message.id) || message.id === '') return false;
  if (!optionalString(message.model) || message.model === '') return false;
  if (!optionalBool(line.isApiErrorMessage) || !optionalBool(line.isSidechain)) return false;
  if (line.costUSD !== undefined && line.costUSD !== null && typeof line.costUSD !== 'number') return false;
  if (line.version !== undefined && line.version !== null) {
    if (typeof line.version !== 'string' || !isSemverPrefix(line.version)) return false;
  }
  return true;
};

const readUsage = (raw: unknown): UsageEntry | null => {
  if (!isObject(raw)) return null;
  const input = raw['input_tokens'];
  const output = raw['output_tokens'];
  const creation = raw['cache_creation_input_tokens'];
  const read = raw['cache_read_input_tokens'];
  const speed = raw['speed'];
  if (!isCount(input) || !isCount(output) || !optionalCount(creation) || !optionalCount(read)) return null;
  if (speed !== undefined && speed !== null && speed !== 'standard' && speed !== 'fast') return null;
  let write5m = isCount(creation) ? creation : 0;
  let write1h = 0;
  const split = raw['cache_creation'];
  if (split !== undefined && split !== null) {
    if (!isObject(split)) return null;
    const e5 = split['ephemeral_5m_input_tokens'];
    const e1 = split['ephemeral_1h_input_tokens'];
    if (!optionalCount(e5) || !optionalCount(e1)) return null;
    // When the split is present ccusage counts it, not cache_creation_input_tokens.
    write5m = isCount(e5) ? e5 : 0;
    write1h = isCount(e1) ? e1 : 0;
  }
  const cacheRead = isCount(read) ? read : 0;
  return {
    usage: { input, output, cacheRead, cacheWrite5m: write5m, cacheWrite1h: write1h, reasoning: 0 },
    total: input + output + cacheRead + write5m + write1h,
    speed: speed === 'standard' || speed === 'fast' ? speed : null,
  };
};

/** `digits.digits.digit…`: what ccusage accepts as a CLI version. */
export const isSemverPrefix = (v: string): boolean => {
  let i = 0;
  for (let part = 0; part < 2; part++) {
    const start = i;
    while (i < v.length && v.charCodeAt(i) >= 48 && v.charCodeAt(i) <= 57) i++;
    if (i === start || v[i] !== '.') return false;
    i++;
  }
  const c = v.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * ccusage's pre-parse filter: for every `:null`, the quoted word before it is taken as the key
 * (scanning back to the nearest quotes), and a key from the fixed set rejects the line.
 */
export const hasRejectedNull = (raw: string): boolean => {
  let from = 0;
  for (;;) {
    const at = raw.indexOf(':null', from);
    if (at === -1) return false;
    let keyEnd = at - 1;
    if (raw[keyEnd] !== '"') {
      while (keyEnd > 0 && raw[keyEnd] !== '"') keyEnd--;
    }
    if (raw[keyEnd] === '"') {
      let keyStart = keyEnd - 1;
      while (keyStart > 0 && raw[keyStart] !== '"') keyStart--;
      if (raw[keyStart] === '"' && NULL_REJECTING_KEYS.has(raw.slice(keyStart + 1, keyEnd))) return true;
    }
    from = at + 5;
  }
};
