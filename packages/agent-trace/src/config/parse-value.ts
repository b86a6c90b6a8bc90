import type { JsonSchemaNode } from './json-schema-node.js';

/** How a text (an environment variable, a flag, `config set`'s VALUE) becomes the value a key takes. */
type TextKind = 'number' | 'boolean' | 'string' | 'list' | 'json';

const kindOf = (node: JsonSchemaNode): TextKind => {
  if (node.anyOf) {
    const kinds = new Set(node.anyOf.filter((b) => b.type !== 'null').map(kindOf));
    const [only] = kinds;
    return kinds.size === 1 && only ? only : 'json';
  }
  if (node.const !== undefined) return typeof node.const === 'number' ? 'number' : typeof node.const === 'boolean' ? 'boolean' : 'string';
  switch (node.type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'array':
      return node.items?.type === 'string' ? 'list' : 'json';
    default:
      return 'json';
  }
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export type ParsedText = { ok: true; value: unknown } | { ok: false; reason: string };

const parseJson = (text: string): ParsedText => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${(err as Error).message})` };
  }
};

/**
 * Parses `text` by the type of the key it is for: numbers, booleans (true/false, 1/0, yes/no, on/off),
 * comma-separated lists for lists of strings (or a JSON array), JSON for objects; `null` where null is allowed.
 * Whether the value is in range is left to the schema, so that every bad value gets the same message.
 */
export const parseTextFor = (node: JsonSchemaNode, text: string): ParsedText => {
  const trimmed = text.trim();
  if (trimmed === 'null' && node.anyOf?.some((b) => b.type === 'null')) return { ok: true, value: null };
  switch (kindOf(node)) {
    case 'number':
      return NUMBER.test(trimmed) ? { ok: true, value: Number(trimmed) } : { ok: false, reason: `'${text}' is not a number` };
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return { ok: false, reason: `'${text}' is not true or false` };
    }
    case 'string':
      return { ok: true, value: text };
    case 'list':
      if (trimmed.startsWith('[')) return parseJson(trimmed);
      return { ok: true, value: trimmed.split(',').map((s) => s.trim()).filter((s) => s.length > 0) };
    case 'json':
      return parseJson(trimmed);
  }
};
