/**
 * One redaction rule over free text. `trigger` is a cheap case-insensitive regex source (mostly
 * literal substrings): the rule is applied to a text only when its trigger occurs in that text
 * (as the text was before any rule ran).
 */
export interface TextRule {
  readonly name: string;
  readonly trigger: string;
  /** The text with this rule's findings replaced (the same string when there are none). */
  apply(text: string): string;
  /**
   * A necessary condition for `apply(text)` to change anything: false only when `apply` would
   * return `text` as it is. With it the redactor applies the rule first and looks for the
   * trigger only when something changed (rarely); without it, it looks for the trigger first.
   * Must be cheaper than the trigger test to be worth having.
   */
  readonly mayChange?: (text: string) => boolean;
}

export type Replacement = string | ((match: string, ...groups: unknown[]) => string);

/** A rule that is one global regex and its replacement, compiled once. */
export const regexRule = (
  name: string,
  trigger: string,
  regex: RegExp,
  replace: Replacement,
  mayChange?: (text: string) => boolean,
): TextRule => ({
  name,
  trigger,
  // The two overloads of replace differ only in the replacement's type.
  apply: typeof replace === 'string' ? (text) => text.replace(regex, replace) : (text) => text.replace(regex, replace),
  ...(mayChange ? { mayChange } : {}),
});

/** `mayChange` of a rule whose own regex scans as fast as any pre-check would: always apply it. */
export const ALWAYS = (): boolean => true;
