/**
 * Checks a JSON value against the subset of JSON Schema the OpenAPI document uses (type, properties,
 * required, items, enum, const, oneOf, $ref into components). Returns the problems, each with its path.
 */
type Schema = Record<string, unknown>;

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

export const checkSchema = (value: unknown, schema: Schema, components: Record<string, Schema>, path = '$'): string[] => {
  if (typeof schema['$ref'] === 'string') {
    const name = (schema['$ref'] as string).split('/').at(-1) ?? '';
    const target = components[name];
    return target ? checkSchema(value, target, components, path) : [`${path}: unknown $ref ${schema['$ref'] as string}`];
  }
  if (Array.isArray(schema['oneOf'])) {
    const results = (schema['oneOf'] as Schema[]).map((s) => checkSchema(value, s, components, path));
    const ok = results.filter((r) => r.length === 0).length;
    return ok === 1 ? [] : [`${path}: matches ${ok} of the oneOf schemas (${results.map((r) => r[0] ?? 'ok').join(' | ')})`];
  }
  const problems: string[] = [];
  if ('const' in schema && value !== schema['const']) problems.push(`${path}: expected ${JSON.stringify(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !(schema['enum'] as unknown[]).includes(value)) problems.push(`${path}: ${JSON.stringify(value)} not in enum`);
  const types = schema['type'] === undefined ? [] : ([] as string[]).concat(schema['type'] as string | string[]);
  const actual = typeOf(value);
  if (types.length > 0 && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
    return [...problems, `${path}: expected ${types.join('|')}, got ${actual}`];
  }
  if (actual === 'object' && schema['properties']) {
    const obj = value as Record<string, unknown>;
    for (const key of (schema['required'] as string[] | undefined) ?? []) if (!(key in obj)) problems.push(`${path}.${key}: missing`);
    for (const [key, sub] of Object.entries(schema['properties'] as Record<string, Schema>)) {
      if (key in obj) problems.push(...checkSchema(obj[key], sub, components, `${path}.${key}`));
    }
  }
  if (actual === 'array' && schema['items']) (value as unknown[]).forEach((item, i) => problems.push(...checkSchema(item, schema['items'] as Schema, components, `${path}[${i}]`)));
  return problems;
};
