import { isPlaceholder, REDACTED } from './placeholders.js';
import { CONTAINED_SECRET_NAMES, normalizeKey, type SecretKeyMatcher } from './secret-keys.js';
import { ALWAYS, regexRule, type TextRule } from './text-rule.js';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What a normalized name (secret-keys.ts: lowercased, `-`, `_`, `.` and whitespace dropped) may
 * have been written as: each character in either case, with separators between. Of all UTF-16 code
 * units only the Kelvin sign (U+212A) lowercases to an ASCII letter other than its own two cases,
 * and U+0130 to `i` followed by U+0307, which no ASCII name can match (key-value-rules.test.ts
 * checks both). Null for a name with other characters: then no pre-filter is built.
 */
const writtenName = (normalized: string): string | null => {
  let source = '';
  for (const ch of normalized) {
    if (ch.charCodeAt(0) > 127) return null;
    const upper = ch.toUpperCase();
    const forms = ch === 'k' ? `kK\\u212A` : upper === ch ? escapeRegex(ch) : `${ch}${upper}`;
    source += `${source === '' ? '' : '[-_.\\s]*'}${forms.length > 1 && ch !== '\\' ? `[${forms}]` : forms}`;
  }
  return source;
};

/** Drops the names that hold another of the list (`access_token` holds `token`): they add nothing to a search for any. */
const minimal = (names: readonly string[], holds: (name: string, other: string) => boolean): string[] => {
  const unique = [...new Set(names)].filter((n) => n !== '');
  return unique.filter((n) => !unique.some((other) => other !== n && holds(n, other)));
};

/**
 * Where in a text a key=value rule can redact something: a name the matcher calls secret ends with
 * one of the secret names (then the name's end, an optional quote and blanks, and `:` or `=`
 * follow) or holds one of the contained names anywhere. The regex finds those places, looking back
 * from each `:` and `=` for the first kind. Null when a configured name is not ASCII.
 */
const secretNamePlaces = (secretKeyNames: readonly string[]): RegExp | null => {
  const contained = minimal(CONTAINED_SECRET_NAMES.map(normalizeKey), (n, other) => n.includes(other));
  const ending = minimal(
    secretKeyNames.map(normalizeKey).filter((n) => !contained.some((c) => n.includes(c))),
    (n, other) => n.endsWith(other),
  );
  const endingSources = ending.map(writtenName);
  const containedSources = contained.map(writtenName);
  if (endingSources.includes(null) || containedSources.includes(null)) return null;
  const parts = [...(containedSources as string[])];
  if (endingSources.length > 0) parts.unshift(`[:=](?<=(?:${endingSources.join('|')})[-_.\\s]*(?:\\\\?["'])?\\s*[:=])`);
  return new RegExp(parts.join('|'), 'g');
};

/** A place found from a `:` or `=` (the first kind) rather than a contained name. */
const isAssignment = (place: string): boolean => place === ':' || place === '=';

/** A quote (possibly escaped) is the last non-blank character before `at`. */
const quoteBefore = (text: string, at: number): boolean => {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  const c = text.charCodeAt(i);
  return c === 34 || c === 39;
};

/**
 * The six regexes, each applied to the whole text: what createKeyValueRules computes, and the
 * reference its tests compare it with. The first two can match across a line break, the others cannot.
 */
export const createKeyValueRegexRules = (isSecretKey: SecretKeyMatcher, trigger: string): TextRule[] => {
  const redactIf = (name: string, value: string): boolean => isSecretKey(name) && !isPlaceholder(value);
  return [
    // "password": "x"   'token': 'x'   "pin": 1234
    regexRule(
      'quoted-key-value',
      trigger,
      /(["'])([^"'\\\n]{1,80})\1(\s*[:=]\s*)(?:(["'])((?:\\.|(?!\4)[^\\\n])*)\4|(-?\d[\d.eE+-]*))/g,
      (match, q, name, sep, vq, value, num) =>
        redactIf(String(name), String(value ?? num)) ? `${q}${name}${q}${sep}${vq ?? '"'}${REDACTED}${vq ?? '"'}` : match,
    ),
    // {\"api_key\":\"x\"}: JSON written inside a JSON string of a text that is not JSON itself.
    regexRule(
      'escaped-json-key-value',
      trigger,
      /\\"([^"\\\n]{1,80})\\"(\s*:\s*)\\"(.*?)\\"/g,
      (match, name, sep, value) => (redactIf(String(name), String(value)) ? `\\"${name}\\"${sep}\\"${REDACTED}\\"` : match),
    ),
    // The four below cannot match across a line break.
    // password = "x"   token: 'x'   api_key="x"   (code, config files, keyword arguments)
    regexRule(
      'assignment-quoted',
      trigger,
      /(?<![\w$.-])([A-Za-z_][\w.-]{0,79})([ \t]*[:=][ \t]*)(["'`])((?:\\.|(?!\3)[^\\\n])*)\3/g,
      (match, name, sep, q, value) => (redactIf(String(name), String(value)) ? `${name}${sep}${q}${REDACTED}${q}` : match),
    ),
    // DB_PASSWORD=x   --token=x   ?access_token=x&   (no spaces around `=`, as in .env, flags, URLs)
    regexRule(
      'assignment-unquoted',
      trigger,
      /(?<![\w$.-])(-{0,2}[A-Za-z_][\w.-]{0,79})=(?!=)([^\s"'`&;,()<>]+)/g,
      (match, name, value) =>
        redactIf(String(name).replace(/^-+/, ''), String(value)) ? `${name}=${REDACTED}` : match,
    ),
    // password: x   Authorization: Basic x   (YAML and header lines; the rest of the line goes)
    regexRule(
      'line-key-value',
      trigger,
      /^([ \t]*(?:-[ \t]+)?)([A-Za-z_][\w.-]{0,79})(:[ \t]+)([^\s"'`[{|>&*!#][^\r\n]*?)[ \t]*$/gm,
      (match, indent, name, sep, value) =>
        redactIf(String(name), String(value)) ? `${indent}${name}${sep}${REDACTED}` : match,
    ),
    // -H "X-Api-Key: x"   'Cookie: a=b'   (a header written inside quotes on a command line)
    regexRule(
      'quoted-header',
      trigger,
      /(["'])([A-Za-z][\w-]{0,79})(:[ \t]*)([^"'\r\n]+)\1/g,
      (match, q, name, sep, value) => (redactIf(String(name), String(value)) ? `${q}${name}${sep}${REDACTED}${q}` : match),
    ),
  ];
};

/**
 * Secret keys written inside text rather than as object keys: JSON that did not parse (a JSONL
 * dump, a truncated result), escaped JSON inside JSON text, code, `.env` files, shell commands,
 * YAML and HTTP headers. The name is judged by the same matcher as object keys, so `max_tokens: 4096`
 * stays while `DB_PASSWORD=x` goes. Values that are already a placeholder are left as they are.
 *
 * `secretKeyNames`: every name the matcher ends on (built-in and configured), for the pre-filter.
 *
 * The six regexes run as one rule. Their names and values are everywhere in code (`token: string`,
 * `const auth = …`), and on the import benchmark's transcripts the trigger let them run over 65% of
 * the text, at ~19 ns per character. Four of them cannot match across a line break, so they run
 * only on the lines where a secret name stands (found by secretNamePlaces): a line without one
 * comes out of them unchanged, and a regex run over a single line finds there exactly what it
 * finds over the whole text (their lookarounds see no further than the line break). The two that
 * can span lines (blanks around the `:`) run over the whole text when a secret name occurs at all.
 */
export const createKeyValueRules = (isSecretKey: SecretKeyMatcher, trigger: string, secretKeyNames: readonly string[]): TextRule[] => {
  const all = createKeyValueRegexRules(isSecretKey, trigger);
  const multiLine = all.slice(0, 2);
  const singleLine = all.slice(2);
  const places = secretNamePlaces(secretKeyNames);
  if (places === null) return all;

  /**
   * The start of each line holding a place, ascending (null when there is none), and whether the
   * two rules that can span lines may change anything: they need a secret name in quotes, so a place
   * of the first kind counts only when a quote stands before its `:` or `=` (TypeScript's
   * `token: string` does not wake them).
   */
  const scan = (text: string): { starts: number[]; quoted: boolean } | null => {
    let starts: number[] | null = null;
    let quoted = false;
    places.lastIndex = 0;
    for (let m = places.exec(text); m !== null; m = places.exec(text)) {
      const start = text.lastIndexOf('\n', m.index - 1) + 1;
      if (starts === null) starts = [start];
      else if (starts[starts.length - 1] !== start) starts.push(start);
      if (!quoted) quoted = !isAssignment(m[0]) || quoteBefore(text, m.index);
      if (quoted) {
        // The rest of the line can only add places to a line already listed.
        const end = text.indexOf('\n', m.index);
        if (end === -1) break;
        places.lastIndex = end + 1;
      }
    }
    return starts === null ? null : { starts, quoted };
  };

  const apply = (text: string): string => {
    const found = scan(text);
    if (found === null) return text;
    let out = text;
    let starts = found.starts;
    if (found.quoted) {
      for (const rule of multiLine) out = rule.apply(out);
      // Their placeholder holds no secret name; the lines are looked for again after a change as
      // the text moved.
      if (out !== text) starts = scan(out)?.starts ?? [];
    }
    let result = '';
    let copied = 0;
    for (const start of starts) {
      const newline = out.indexOf('\n', start);
      const end = newline === -1 ? out.length : newline;
      const line = out.slice(start, end);
      let redacted = line;
      for (const rule of singleLine) redacted = rule.apply(redacted);
      if (redacted !== line) {
        result += out.slice(copied, start) + redacted;
        copied = end;
      }
    }
    return copied === 0 ? out : result + out.slice(copied);
  };
  return [{ name: 'key-value', trigger, apply, mayChange: ALWAYS }];
};
