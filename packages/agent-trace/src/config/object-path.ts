/** Small helpers over plain parsed objects (YAML and JSON values). */

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const getIn = (value: unknown, path: readonly PropertyKey[]): unknown => {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainObject(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
};

/** Sets `path` in `target`, replacing whatever on the way is not an object. */
export const setIn = (target: Record<string, unknown>, path: readonly string[], value: unknown): void => {
  let current = target;
  for (const segment of path.slice(0, -1)) {
    const next = current[segment];
    current = isPlainObject(next) ? next : (current[segment] = {});
  }
  const last = path[path.length - 1];
  if (last !== undefined) current[last] = value;
};

/** `['privacy', 'redaction', 'patterns', 0, 'regex']` → `privacy.redaction.patterns[0].regex`. */
export const dottedPath = (path: readonly PropertyKey[]): string =>
  path.length === 0
    ? '(top level)'
    : path.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`)).join('');
