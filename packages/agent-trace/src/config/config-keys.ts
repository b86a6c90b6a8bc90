import { isBranch, type JsonSchemaNode } from './json-schema-node.js';

/** One settable key of the configuration: a leaf of its tree of named keys (a record or a list is one leaf). */
export interface ConfigKey {
  /** Dotted path, as `config get/set` and error messages name it: `server.grpcPort`. */
  key: string;
  path: readonly string[];
  /** Its environment variable: `AGENT_TRACE_SERVER__GRPC_PORT`. */
  env: string;
  node: JsonSchemaNode;
}

export const ENV_PREFIX = 'AGENT_TRACE_';

/** `grpcPort` → `GRPC_PORT`. */
export const toUpperSnake = (segment: string): string => segment.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** `['server', 'grpcPort']` → `AGENT_TRACE_SERVER__GRPC_PORT`: `__` between path segments. */
export const envNameFor = (path: readonly string[]): string => ENV_PREFIX + path.map(toUpperSnake).join('__');

/** Every leaf key of the schema, in the schema's order. */
export const listConfigKeys = (root: JsonSchemaNode): ConfigKey[] => {
  const keys: ConfigKey[] = [];
  const walk = (node: JsonSchemaNode, path: string[]): void => {
    if (path.length > 0 && !isBranch(node)) {
      keys.push({ key: path.join('.'), path, env: envNameFor(path), node });
      return;
    }
    for (const [name, child] of Object.entries(node.properties ?? {})) walk(child, [...path, name]);
  };
  walk(root, []);
  return keys;
};

/** The leaf key that holds `path` (the path itself, or a place inside a record or list leaf). */
export const leafKeyOf = (keys: readonly ConfigKey[], path: readonly PropertyKey[]): ConfigKey | undefined =>
  keys.find((k) => k.path.length <= path.length && k.path.every((segment, i) => path[i] === segment));
