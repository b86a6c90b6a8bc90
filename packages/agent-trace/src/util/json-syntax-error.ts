/**
 * Where a JSON text stops being valid, as line and column (1-based), with a message that quotes no content.
 * JSON.parse's own messages give no position for some errors on Node 20 ("Unexpected token '}', "…" is not
 * valid JSON") and quote the input, which may be a prompt or a secret. Runs only after JSON.parse failed.
 * Imports nothing: the `agent-trace hook` fast path loads it.
 */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

class Fail extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const describe = (ch: string | undefined): string => (ch === undefined ? 'end of input' : `'${ch}'`);

const scan = (s: string): void => {
  let i = 0;
  const ws = (): void => {
    while (i < s.length && WS.has(s[i]!)) i++;
  };
  const expect = (what: string): never => {
    throw new Fail(i, `expected ${what}, found ${describe(s[i])}`);
  };
  const str = (): void => {
    i++;
    while (i < s.length) {
      const ch = s[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = s[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) throw new Fail(i, 'invalid \\u escape in a string');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else throw new Fail(i, 'invalid escape in a string');
        continue;
      }
      if (ch < ' ') throw new Fail(i, 'control character in a string');
      i++;
    }
    throw new Fail(i, 'unterminated string');
  };
  const value = (): void => {
    ws();
    const ch = s[i];
    if (ch === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') expect('a double-quoted property name');
        str();
        ws();
        if (s[i] !== ':') expect("':' after a property name");
        i++;
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        expect("',' or '}'");
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        expect("',' or ']'");
      }
    }
    if (ch === '"') return str();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(s.slice(i, i + 400));
    if (!literal) expect('a value');
    i += literal![0].length;
  };
  value();
  ws();
  if (i < s.length) throw new Fail(i, `unexpected ${describe(s[i])} after the end of the JSON value`);
};

const position = (s: string, offset: number): { line: number; column: number } => {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < s.length; k++) {
    if (s[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
};

/** The first syntax error in `text`, or null when it is valid JSON. */
export const locateJsonError = (text: string): JsonSyntaxError | null => {
  try {
    scan(text);
    return null;
  } catch (err) {
    if (err instanceof RangeError) return { offset: 0, line: 1, column: 1, message: 'nested too deeply to check' };
    if (!(err instanceof Fail)) throw err;
    return { offset: err.offset, ...position(text, err.offset), message: err.message };
  }
};
