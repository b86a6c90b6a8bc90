import { isPlaceholder, REDACTED } from './placeholders.js';
import type { SecretKeyMatcher } from './secret-keys.js';
import { regexRule, type TextRule } from './text-rule.js';

/**
 * Secret keys written inside text rather than as object keys: JSON that did not parse (a JSONL
 * dump, a truncated result), escaped JSON inside JSON text, code, `.env` files, shell commands,
 * YAML and HTTP headers. The name is judged by the same matcher as object keys, so `max_tokens: 4096`
 * stays while `DB_PASSWORD=x` goes. Values that are already a placeholder are left as they are.
 */
export const createKeyValueRules = (isSecretKey: SecretKeyMatcher, trigger: string): TextRule[] => {
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
