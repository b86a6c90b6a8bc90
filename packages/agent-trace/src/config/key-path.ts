import { usageError } from '../errors.js';
import { listConfigKeys } from './config-keys.js';
import { isBranch, nodeAt, type JsonSchemaNode } from './json-schema-node.js';

export interface KeyPath {
  path: string[];
  node: JsonSchemaNode;
}

/**
 * Turns `config get/set`'s KEY into a path: the named keys (`server.port`), then, inside a map of free
 * names such as `pricing.models`, a name that may itself hold dots (`pricing.models.claude-3.5.input`):
 * the shortest name after which the rest is a valid path wins.
 */
export const parseKeyPath = (schema: JsonSchemaNode, text: string): KeyPath => {
  const segments = text.split('.');
  const path: string[] = [];
  let node = schema;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const named = node.properties?.[segment];
    if (named) {
      path.push(segment);
      node = named;
      continue;
    }
    const values = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    if (values && !isBranch(node)) {
      for (let end = i + 1; end <= segments.length; end++) {
        const tail = segments.slice(end);
        const inner = nodeAt(values, tail);
        if (inner) return { path: [...path, segments.slice(i, end).join('.'), ...tail], node: inner };
      }
    }
    throw usageError(`unknown config key '${text}'; allowed: ${allowedBelow(schema, path).join(', ')}`);
  }
  return { path, node };
};

const allowedBelow = (schema: JsonSchemaNode, path: readonly string[]): string[] => {
  const prefix = path.join('.');
  const keys = listConfigKeys(schema).map((k) => k.key);
  const under = keys.filter((k) => prefix === '' || k.startsWith(`${prefix}.`) || k === prefix);
  return under.length > 0 ? under : keys;
};
