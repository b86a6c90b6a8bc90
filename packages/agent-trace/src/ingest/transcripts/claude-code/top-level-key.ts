const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** Where one top-level member of a JSON object line sits, and the bytes to cut to leave a valid object without it. */
export interface MemberSpan {
  valueStart: number;
  valueEnd: number;
  /** The member with one adjoining comma: removing [cutStart, cutEnd) leaves valid JSON. */
  cutStart: number;
  cutEnd: number;
}

/** Index of the quote closing the string whose opening quote is at `open`, or -1. */
const stringEnd = (buffer: Buffer, open: number, end: number): number => {
  let at = buffer.indexOf(QUOTE, open + 1);
  while (at !== -1 && at < end) {
    let backslashes = 0;
    while (buffer[at - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = buffer.indexOf(QUOTE, at + 1);
  }
  return -1;
};

const sameBytes = (buffer: Buffer, at: number, key: Buffer): boolean => buffer.compare(key, 0, key.length, at, at + key.length) === 0;

/**
 * Finds the member named `key` (its quoted bytes, e.g. `"toolUseResult"`) of the JSON object in
 * buffer[start, end), at the top level only, by walking the structure without decoding or parsing: strings are
 * jumped over with indexOf. Null when the line is not a compact JSON object, when the key is absent, or when it
 * occurs twice at the top level (JSON.parse keeps the last; the caller then parses the whole line).
 */
export const findTopLevelMember = (buffer: Buffer, start: number, end: number, key: Buffer): MemberSpan | null => {
  if (buffer[start] !== OPEN_OBJECT) return null;
  let depth = 0;
  let found: MemberSpan | null = null;
  /** Set while inside the value of the member being looked for: its start, and where its cut starts. */
  let open: { valueStart: number; cutStart: number; first: boolean } | null = null;
  /** Position of the last comma at depth 1, or of the opening brace. */
  let memberStart = start;
  let expectKey = false;
  for (let i = start; i < end; i++) {
    const c = buffer[i];
    if (c === QUOTE) {
      const close = stringEnd(buffer, i, end);
      if (close === -1) return null;
      if (depth === 1 && expectKey) {
        expectKey = false;
        if (close - i + 1 === key.length && buffer[close + 1] === COLON && sameBytes(buffer, i, key)) {
          if (found) return null;
          open = { valueStart: close + 2, cutStart: memberStart === start ? i : memberStart, first: memberStart === start };
        }
      }
      i = close;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) {
        if (open) found = { valueStart: open.valueStart, valueEnd: i, cutStart: open.cutStart, cutEnd: i };
        return i === end - 1 ? found : null;
      }
    } else if (c === COMMA && depth === 1) {
      if (open) {
        // The first member takes the comma after it; any other takes the comma before it (already in cutStart).
        found = { valueStart: open.valueStart, valueEnd: i, cutStart: open.cutStart, cutEnd: open.first ? i + 1 : i };
        open = null;
      }
      memberStart = i;
      expectKey = true;
    }
  }
  return null;
};
