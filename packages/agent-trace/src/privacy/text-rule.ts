/**
 * One redaction rule over free text. `trigger` is a cheap case-insensitive regex source (mostly
 * literal substrings) that must find something in a text before `apply` runs; the triggers of
 * all rules are also OR-ed into the one pre-filter every string passes first.
 */
export interface TextRule {
  readonly name: string;
  readonly trigger: string;
  /** The text with this rule's findings replaced (the same string when there are none). */
  apply(text: string): string;
}

export type Replacement = string | ((match: string, ...groups: unknown[]) => string);

/** A rule that is one global regex and its replacement, compiled once. */
export const regexRule = (name: string, trigger: string, regex: RegExp, replace: Replacement): TextRule => ({
  name,
  trigger,
  // The two overloads of replace differ only in the replacement's type.
  apply: typeof replace === 'string' ? (text) => text.replace(regex, replace) : (text) => text.replace(regex, replace),
});
