/** The part of JSON Schema (draft 2020-12, as zod's `toJSONSchema` writes it) that the config layer reads. */
export interface JsonSchemaNode {
  $schema?: string;
  type?: string;
  title?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: JsonSchemaNode | boolean;
  propertyNames?: JsonSchemaNode;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  required?: string[];
}

/** A fixed set of named keys (not a record of free names): the config tree branches here. */
export const isBranch = (node: JsonSchemaNode): boolean => node.type === 'object' && node.properties !== undefined;

/** The schema of the value at `path` below `node`, through named keys, record values and array items. */
export const nodeAt = (node: JsonSchemaNode, path: readonly PropertyKey[]): JsonSchemaNode | undefined => {
  let current: JsonSchemaNode | undefined = node;
  for (const segment of path) {
    if (!current) return undefined;
    current = childOf(current, segment);
  }
  return current;
};

const childOf = (node: JsonSchemaNode, segment: PropertyKey): JsonSchemaNode | undefined => {
  if (node.anyOf) {
    for (const branch of node.anyOf) {
      const child = childOf(branch, segment);
      if (child) return child;
    }
    return undefined;
  }
  if (node.type === 'array') return typeof segment === 'number' ? node.items : undefined;
  if (node.type !== 'object' || typeof segment !== 'string') return undefined;
  const named = node.properties?.[segment];
  if (named) return named;
  return typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
};
