import { API_KEY_RULE } from './api-key-rules.js';
import { CARD_RULE, SSN_RULE } from './pii-rules.js';
import { MIN_REDACTABLE_LENGTH } from './text-redactor.js';
import type { TextRule } from './text-rule.js';

/** ASCII letters, digits, `_` and `-` only: ids, names, statuses, model names (`claude-opus-4-1-20250805`). */
const TOKEN = /^[A-Za-z0-9_-]*$/;

/**
 * The built-in rules that can change a token: provider keys, US social security numbers and card numbers.
 * Every other rule of text-engine.ts needs another character in what it replaces (a blank in `PRIVATE KEY` and
 * after `Bearer`; quotes, `:` or `=` for the key=value and AWS rules; `/`, `~`, `$`, `%`, `\`, `:` or `.env` for
 * paths; `://`, `.` or `@` for URLs, JWTs and e-mail addresses). inert-text.test.ts runs every other rule over
 * generated tokens to hold this: a rule added later that can match a token must be listed here.
 */
export const TOKEN_RULES: readonly TextRule[] = [API_KEY_RULE, SSN_RULE, CARD_RULE];

/** Of TOKEN_RULES, those whose every finding holds a digit. */
const NEEDS_DIGITS: ReadonlySet<TextRule> = new Set([SSN_RULE, CARD_RULE]);
const DIGIT = /\d/;

/**
 * True when no built-in rule can change `text`, decided without building the rule set: texts too short for any
 * finding, and tokens none of TOKEN_RULES changes (each rule's own regex is run only past its `mayChange`; the
 * social security and card rules need digits). False means "ask the full engine", which may still keep the
 * text. The engine applies its rules one after another to what the previous ones left; when none changes the
 * text, each sees the text as it came in, so "no rule changes it" is exactly "the engine keeps it".
 *
 * For the hook process (pipeline/spool-redaction.ts): the values left in a spooled payload are mostly such
 * tokens, and building and first running the whole rule set cost ~4 ms there, against ~0.1 ms for this.
 */
export const isInertText = (text: string): boolean => {
  if (text.length < MIN_REDACTABLE_LENGTH) return true;
  if (!TOKEN.test(text)) return false;
  const digits = DIGIT.test(text);
  for (const rule of TOKEN_RULES) {
    if (!digits && NEEDS_DIGITS.has(rule)) continue;
    if (rule.mayChange !== undefined && !rule.mayChange(text)) continue;
    if (rule.apply(text) !== text) return false;
  }
  return true;
};
