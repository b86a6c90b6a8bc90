import { REDACTED } from './placeholders.js';
import { regexRule, type TextRule } from './text-rule.js';

/*
 * The `mayChange` of each rule (text-rule.ts) is a literal its regex cannot match without, found by
 * indexOf: a scan of a few tenths of a nanosecond per character, where the trigger test costs as
 * much and the rule's own regex (starting with a lookbehind or a letter class) several times more.
 */

/**
 * A PEM private key (RSA, EC, OpenSSH, PKCS#8, encrypted, PGP) from BEGIN to END. A block cut off
 * before its END line (a truncated tool result) is redacted to the end of the text.
 */
export const PEM_PRIVATE_KEY_RULE: TextRule = regexRule(
  'pem-private-key',
  '-----BEGIN',
  /-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  REDACTED,
  (text) => text.includes('-----BEGIN'),
);

/**
 * The password of a URL's user info (`postgres://app:s3cret@db:5432/x`): scheme, user and host stay.
 * The password may itself hold `@`; the greedy match backtracks to the last `@` before the host.
 */
export const CONNECTION_STRING_PASSWORD_RULE: TextRule = regexRule(
  'connection-string-password',
  '://',
  /\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^\s:/?#@"'<>]*):([^\s/?#"'<>]+)@(?=[^\s@/]*[A-Za-z0-9])/g,
  `$1$2:${REDACTED}@`,
  // A match holds `://` and, after it, the `@` before the host.
  (text) => {
    const scheme = text.indexOf('://');
    return scheme !== -1 && text.indexOf('@', scheme + 3) !== -1;
  },
);

/** Three base64url parts, the header starting `eyJ` (`{"`); an unsigned token (`alg: none`) ends with an empty part. */
export const JWT_RULE: TextRule = regexRule(
  'jwt',
  'eyJ',
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.(?:eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*|[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g,
  REDACTED,
  (text) => text.includes('eyJ'),
);

const BEARER_WORD = /bearer/i;

/** `Bearer <token>`; the token must hold a digit so prose ("bearer authentication") is left alone. */
export const BEARER_RULE: TextRule = regexRule(
  'bearer-token',
  'bearer',
  /\b(Bearer)(\s+)(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}/gi,
  `$1$2${REDACTED}`,
  (text) => BEARER_WORD.test(text),
);
