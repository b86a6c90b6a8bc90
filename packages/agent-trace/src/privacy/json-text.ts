/** First and last non-blank characters are `{`…`}` or `[`…`]`: worth a JSON.parse attempt. */
export const looksLikeJson = (text: string): boolean => {
  let start = 0;
  let end = text.length - 1;
  while (start <= end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end))) end--;
  if (end - start < 1) return false;
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end);
  return (first === 123 && last === 125) || (first === 91 && last === 93);
};

const isBlank = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * Integers of 16+ digits lose precision through JSON.parse (nanosecond timestamps, snowflake ids);
 * such a text is redacted as text instead of being re-serialised with altered numbers.
 */
const LONG_INTEGER = /\d{16,}/;

/** The parsed value, or undefined when the text is not JSON or would not survive a round trip. */
export const parseJsonText = (text: string): unknown => {
  if (LONG_INTEGER.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** Serialises like the original: compact, or indented by the original's first indentation. */
export const stringifyLike = (original: string, value: unknown): string => {
  const indent = /^\s*[[{]\r?\n([ \t]+)/.exec(original)?.[1];
  return JSON.stringify(value, null, indent);
};
