import { cardPrefixLength } from './luhn.js';
import { CARD, EMAIL, SSN } from './placeholders.js';
import { ALWAYS, regexRule, type TextRule } from './text-rule.js';

const isLocalPartChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;

const MAX_LOCAL_PART = 64;
/** The domain after the `@`, read in place (sticky). */
const DOMAIN = /(?!\d+x\.)[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![A-Za-z0-9_-])/y;

/**
 * Addresses with a dotted domain and an alphabetic top-level part. Left alone: `git@host:repo`
 * remotes, retina image names (`icon@2x.png`), `pkg@1.2.3` specifiers (numeric "TLD"),
 * `user@localhost`, decorators and scoped package names (nothing before the `@`).
 *
 * Found from each `@` outwards rather than by one regex: a regex starting with the local part is
 * tried at every letter of the text; on the benchmark corpus that took 202 ms per 10 MB of
 * strings holding an `@`, the scan from `@` about a tenth of that.
 */
const redactEmails = (text: string): string => {
  let at = text.indexOf('@');
  let out = '';
  let copied = 0;
  while (at !== -1) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL_PART && isLocalPartChar(text.charCodeAt(start - 1))) start--;
    const bounded = start < at && (start === 0 || !isLocalPartChar(text.charCodeAt(start - 1)));
    if (bounded && !(at - start === 3 && text.startsWith('git', start))) {
      DOMAIN.lastIndex = at + 1;
      const domain = DOMAIN.exec(text);
      if (domain !== null) {
        out += text.slice(copied, start) + EMAIL;
        copied = at + 1 + domain[0].length;
        at = text.indexOf('@', copied);
        continue;
      }
    }
    at = text.indexOf('@', at + 1);
  }
  return copied === 0 ? text : out + text.slice(copied);
};

// redactEmails starts with indexOf('@'): as cheap as any pre-check.
export const EMAIL_RULE: TextRule = { name: 'email', trigger: '@', apply: redactEmails, mayChange: ALWAYS };

/**
 * US social security numbers written `AAA-GG-SSSS`, without the numbers never issued: area 000,
 * 666 or 9xx, group 00, serial 0000. Undashed nine-digit runs are left alone (too many ids look alike).
 */
export const SSN_RULE: TextRule = regexRule(
  'ssn',
  '\\d{3}-\\d{2}-\\d{4}',
  /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/g,
  SSN,
  // The regex scans about as fast as its trigger (6 ms over the benchmark's 10 MB): run it directly.
  ALWAYS,
);

/**
 * Also the rule's `mayChange`: a number the rule redacts is 13–19 digits in one run or grouped
 * 4-(4…6)-(3…5)… (isCardNumber), so it holds this pattern; testing it first (10 ms over the
 * benchmark's 10 MB) saves running the rule's regex (25 ms) on texts without one.
 */
const CARD_TRIGGER_SOURCE = '\\d{4}[ -]?\\d{4,6}[ -]?\\d{3}';
const CARD_TRIGGER = new RegExp(CARD_TRIGGER_SOURCE);

/**
 * 13–19 digits, optionally grouped by spaces or dashes, not touching letters or a decimal point;
 * see luhn.ts. The trigger asks for 11 digits in card grouping, so the 8-digit runs found in most
 * git SHAs and in timestamps do not start the full regex.
 */
export const CARD_RULE: TextRule = regexRule(
  'card-number',
  CARD_TRIGGER_SOURCE,
  /(?<![\w.,+-])\d(?:[ -]?\d){12,18}(?![\w])/g,
  (match) => {
    const length = cardPrefixLength(match);
    return length === 0 ? match : CARD + match.slice(length);
  },
  (text) => CARD_TRIGGER.test(text),
);
