import { API_KEY_RULE, AWS_SECRET_BY_ID_RULE, AWS_SECRET_BY_NAME_RULE } from './api-key-rules.js';
import { BEARER_RULE, CONNECTION_STRING_PASSWORD_RULE, JWT_RULE, PEM_PRIVATE_KEY_RULE } from './credential-rules.js';
import { compileExtraPatterns, type ExtraPattern } from './extra-patterns.js';
import { createKeyValueRules } from './key-value-rules.js';
import { createPathRedaction, type PathRedaction } from './paths.js';
import { CARD_RULE, EMAIL_RULE, SSN_RULE } from './pii-rules.js';
import { CONTAINED_SECRET_NAMES, createSecretKeyMatcher, DEFAULT_SECRET_KEY_NAMES, type SecretKeyMatcher } from './secret-keys.js';
import { createTextRedactor, type TextRedactor } from './text-redactor.js';
import type { TextRule } from './text-rule.js';

/**
 * The redactor's rules over text and keys, without identifier hashing: what the hook process needs to redact the
 * spool, which must not load node:crypto (pipeline/spool-redaction.ts). redactor.ts builds the full Redactor on it.
 */
export interface TextEngineOptions {
  /** Added to the built-in secret key names (same matching rule, see secret-keys.ts). */
  readonly secretKeyNames?: readonly string[];
  /** Added to the built-in sensitive locations (see paths.ts for the forms). */
  readonly sensitivePaths?: readonly string[];
  readonly patterns?: readonly ExtraPattern[];
  /** Absolute paths under it are written relative to it. */
  readonly projectRoot?: string | null;
}

export interface TextEngine {
  readonly isSecretKey: SecretKeyMatcher;
  readonly paths: PathRedaction;
  /** Every rule, in the order they run. */
  readonly rules: readonly TextRule[];
  readonly text: TextRedactor;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `api_key` → `api[-_.\s]?key`: a key name as it may be written in text. */
const nameInText = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[-_.\s]+/)
    .filter((word) => word !== '')
    .map(escapeRegex)
    .join('[-_.\\s]?');

/**
 * The pre-filter of the key=value rules. The names that only count at the end of a key must be
 * followed by `:` or `=` (after an optional closing quote), so the `tokens` and `author` all over
 * agent transcripts do not wake six regexes; that cut the strings reaching them from 29% to 2% of
 * the benchmark corpus (2,364 to 156 of 8,212). The unambiguous names count anywhere, as they do in secret-keys.ts.
 */
export const secretKeyTrigger = (names: readonly string[]): string => {
  const ending = [...new Set(names.map(nameInText).filter((t) => t !== ''))].join('|');
  const anywhere = CONTAINED_SECRET_NAMES.map(nameInText).join('|');
  return `(?:${ending})(?:\\?["'\`])?\\s*[:=]|${anywhere}`;
};

/**
 * Builds every regex once. Rule order matters: private-key blocks and URLs first (they contain
 * shapes later rules would split), AWS secrets before the key ids they are found beside, provider
 * keys before generic key=value rules (so they read `[API_KEY]`), paths before e-mail addresses.
 */
export const createTextEngine = (options: TextEngineOptions = {}): TextEngine => {
  const secretKeyNames = options.secretKeyNames ?? [];
  const isSecretKey = createSecretKeyMatcher(secretKeyNames);
  const allSecretKeyNames = [...DEFAULT_SECRET_KEY_NAMES, ...secretKeyNames];
  const keyTrigger = secretKeyTrigger(allSecretKeyNames);
  const paths = createPathRedaction(options.projectRoot ?? null, options.sensitivePaths ?? []);
  const rules: TextRule[] = [
    PEM_PRIVATE_KEY_RULE,
    CONNECTION_STRING_PASSWORD_RULE,
    AWS_SECRET_BY_NAME_RULE,
    AWS_SECRET_BY_ID_RULE,
    API_KEY_RULE,
    JWT_RULE,
    BEARER_RULE,
    ...createKeyValueRules(isSecretKey, keyTrigger, allSecretKeyNames),
    ...paths.rules,
    EMAIL_RULE,
    SSN_RULE,
    CARD_RULE,
  ];
  return { isSecretKey, paths, rules, text: createTextRedactor(rules, compileExtraPatterns(options.patterns ?? [])) };
};
