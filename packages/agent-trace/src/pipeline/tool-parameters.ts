import type { AttrValue, PrivacyTier } from '@agent-trace/schema';
import { REDACTED, REDACTED_PATH, type Redactor } from '../privacy/index.js';

/**
 * Fields of a tool's parameters that hold code: an edit's old and new strings, a written file's content, a
 * patch. Tier 2 keeps their SHA-256 (so an edit can still be matched with the file it produced); tier 3 keeps
 * the text, redacted.
 */
const CODE_FIELDS: ReadonlySet<string> = new Set(['old_string', 'new_string', 'content', 'new_source', 'old_str', 'new_str', 'file_text', 'patch']);

/** Fields that name a file; a sensitive one makes the whole call sensitive. */
const PATH_FIELDS: ReadonlySet<string> = new Set(['file_path', 'filePath', 'path', 'notebook_path', 'target_file']);

type JsonObject = Record<string, AttrValue>;

const isObject = (value: AttrValue): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const parseObject = (text: string): JsonObject | null => {
  const first = text.trimStart()[0];
  if (first !== '{') return null;
  try {
    const parsed = JSON.parse(text) as AttrValue;
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
};

const touchesSensitivePath = (params: JsonObject, redactor: Redactor): boolean => {
  for (const key of PATH_FIELDS) {
    const value = params[key];
    if (typeof value === 'string' && redactor.isSensitivePath(value)) return true;
  }
  return false;
};

const rewrite = (params: JsonObject, tier: PrivacyTier, sensitive: boolean, redactor: Redactor): JsonObject => {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(params)) {
    if (PATH_FIELDS.has(key) && typeof value === 'string') out[key] = redactor.redactPath(value);
    else if (CODE_FIELDS.has(key) && typeof value === 'string') out[key] = sensitive ? REDACTED : tier === 2 ? redactor.hashContent(value) : value;
    else if (key === 'edits' && Array.isArray(value)) out[key] = value.map((e) => (isObject(e) ? rewrite(e, tier, sensitive, redactor) : e));
    else out[key] = value;
  }
  return out;
};

export interface PreparedParameters {
  value: AttrValue;
  /** The call names a sensitive file: whatever it read or returned must not be stored. */
  sensitive: boolean;
}

/**
 * A tool's parameters (an object, or its JSON text) before the general redaction: code fields hashed at tier 2,
 * file paths made relative or `[REDACTED_PATH]`. A call is sensitive when a path field is, or when any path in
 * its text (a shell command's `cat ~/.ssh/id_rsa`) was redacted as one.
 */
export const prepareToolParameters = (value: AttrValue, tier: PrivacyTier, redactor: Redactor): PreparedParameters => {
  const params = typeof value === 'string' ? parseObject(value) : isObject(value) ? value : null;
  if (params === null) {
    const redacted = redactor.redactValue(value);
    return { value: redacted, sensitive: JSON.stringify(redacted)?.includes(REDACTED_PATH) ?? false };
  }
  const sensitive = touchesSensitivePath(params, redactor);
  const rewritten = redactor.redactValue(rewrite(params, tier, sensitive, redactor));
  const text = JSON.stringify(rewritten);
  return { value: typeof value === 'string' ? text : rewritten, sensitive: sensitive || text.includes(REDACTED_PATH) };
};
