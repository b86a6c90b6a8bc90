import { API_KEY } from './placeholders.js';
import { regexRule, type TextRule } from './text-rule.js';

/** Not preceded by a character that would make the prefix part of a longer identifier. */
const START = '(?<![A-Za-z0-9_-])';
/** A body of base64url characters that holds at least one digit: real keys do, words in kebab-case do not. */
const KEYISH = (min: number): string => `(?=[A-Za-z0-9_-]*\\d)[A-Za-z0-9_-]{${min},}`;

/** Provider key shapes, each a regex source; they are joined into one alternation (see API_KEY_RULE). */
export const PROVIDER_KEY_SOURCES: Readonly<Record<string, string>> = {
  // Anthropic `sk-ant-api03-…`, OpenAI `sk-…`, `sk-proj-…`, `sk-svcacct-…`, `sk-admin-…`.
  'anthropic-openai': `${START}sk-${KEYISH(20)}`,
  google: `${START}AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])`,
  'aws-access-key-id': '(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])',
  github: `${START}(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})`,
  gitlab: `${START}glpat-[A-Za-z0-9_-]{20,}`,
  'slack-token': `${START}xox[abprs]-(?:[A-Za-z0-9]+-)+[A-Za-z0-9]+`,
  'slack-webhook': 'https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/-]+',
  // Secret and restricted keys; `pk_` publishable keys are public by design and kept.
  stripe: `${START}(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}`,
  npm: `${START}npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])`,
  'hugging-face': `${START}hf_[A-Za-z0-9]{30,}(?![A-Za-z0-9])`,
};

/*
 * What a provider key cannot be matched without (the rule's `mayChange`): its case-sensitive prefix.
 * The prefixes without `-` or `_` are few; the others are found from their `-` or `_` looking back.
 * Two such scans cost 7 ms over the benchmark's 10 MB of strings, the prefixes as one alternation 14 ms,
 * the (case-insensitive) trigger 38 ms. The slack webhook URL holds `hooks.slack.com/`.
 */
const PROVIDER_LETTERS = /A(?:KIA|SIA|Iza)|hooks\.slack\.com\//;
const PROVIDER_SEPARATOR = /[-_](?<=sk-|glpat-|xox[abprs]-|gh[pousr]_|github_|[sr]k_|npm_|hf_)/;

const PROVIDER_TRIGGER = 'sk-|sk_|rk_|AIza|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|hooks\\.slack\\.com|npm_|hf_';

/**
 * All provider shapes in one alternation: over the benchmark's 50 MB of strings the provider step
 * alone took 177 ms as one combined regex against 450 ms as ten regexes one after another
 * (`node --import tsx bench/redaction.mjs --compare-api-keys`), as each text is scanned once.
 */
export const API_KEY_RULE: TextRule = regexRule(
  'provider-api-key',
  PROVIDER_TRIGGER,
  new RegExp(Object.values(PROVIDER_KEY_SOURCES).join('|'), 'g'),
  API_KEY,
  (text) => PROVIDER_LETTERS.test(text) || PROVIDER_SEPARATOR.test(text),
);

const SECRET_WORD = /secret/i;

const BASE64_40 = '([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])';

/**
 * AWS secret access keys are 40 random base64 characters with no prefix, so they are only
 * recognised beside something that names them: a key name (`aws_secret_access_key = …`,
 * `"SecretAccessKey": "…"`) or an access key id on the same line (the credentials CSV).
 * These run before the id rule, which would otherwise remove the id they anchor on.
 */
export const AWS_SECRET_BY_NAME_RULE: TextRule = regexRule(
  'aws-secret-key-by-name',
  'secret.?access.?key|aws.?secret',
  new RegExp(`((?:aws[_-]?)?secret[_-]?(?:access[_-]?)?key["']?\\s*[:=]\\s*["']?)${BASE64_40}`, 'gi'),
  `$1${API_KEY}`,
  (text) => SECRET_WORD.test(text),
);

export const AWS_SECRET_BY_ID_RULE: TextRule = regexRule(
  'aws-secret-key-by-id',
  'AKIA|ASIA',
  new RegExp(`(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}([\\s,;:|"'=]{1,6})${BASE64_40}`, 'g'),
  `${API_KEY}$1${API_KEY}`,
  (text) => text.includes('AKIA') || text.includes('ASIA'),
);
