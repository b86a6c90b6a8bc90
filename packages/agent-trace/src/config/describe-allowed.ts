import type { JsonSchemaNode } from './json-schema-node.js';

/** Bounds larger than this are zod's safe-integer limits, not a user's: left out of the text. */
const UNREMARKABLE = Number.MAX_SAFE_INTEGER;

const describeNumber = (node: JsonSchemaNode): string => {
  const what = node.type === 'integer' ? 'a whole number' : 'a number';
  const high = node.maximum !== undefined && Math.abs(node.maximum) < UNREMARKABLE ? node.maximum : undefined;
  if (node.minimum !== undefined && high !== undefined) return `${what} from ${node.minimum} to ${high}`;
  const parts = [what];
  if (node.exclusiveMinimum !== undefined) parts.push(`above ${node.exclusiveMinimum}`);
  else if (node.minimum !== undefined) parts.push(`of at least ${node.minimum}`);
  if (high !== undefined) parts.push(`up to ${high}`);
  return parts.join(' ');
};

/** `{input, output, cache_read?}`: an object's keys, optional ones marked. */
const shape = (node: JsonSchemaNode): string => {
  const required = new Set(node.required ?? []);
  return `{${Object.keys(node.properties ?? {})
    .map((n) => (required.has(n) ? n : `${n}?`))
    .join(', ')}}`;
};

/** What a value at this place may be, in words: enum members, bounds, types. Used by every error message. */
export const describeAllowed = (node: JsonSchemaNode): string => {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return `one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (node.anyOf) {
    const nullable = node.anyOf.some((b) => b.type === 'null');
    const rest = node.anyOf.filter((b) => b.type !== 'null');
    const text = rest.every((b) => b.const !== undefined)
      ? `one of ${rest.map((b) => JSON.stringify(b.const)).join(', ')}`
      : rest.map(describeAllowed).join(', or ');
    return nullable ? `${text}, or null (no limit)` : text;
  }
  switch (node.type) {
    case 'integer':
    case 'number':
      return describeNumber(node);
    case 'boolean':
      return 'true or false';
    case 'string':
      return node.minLength ? 'a non-empty string' : 'a string';
    case 'null':
      return 'null';
    case 'array':
      if (node.items?.type === 'string') return 'a list of strings';
      return node.items?.properties ? `a list of objects ${shape(node.items)}` : `a list of ${node.items ? describeAllowed(node.items) : 'values'}`;
    case 'object': {
      if (node.properties) return `an object ${shape(node)}`;
      const values = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
      if (values?.properties) return `a map of names to objects ${shape(values)}`;
      return `a map of names to ${values ? describeAllowed(values) : 'values'}`;
    }
    default:
      return 'any value';
  }
};
