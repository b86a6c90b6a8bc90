/**
 * Spellings of one model id to look up, most specific first. Each step removes only what never
 * names a different model: a routing prefix (`anthropic/`, `us.anthropic.`), a deployment suffix
 * (`-v1:0`, `@20250929`, `[1m]`), a release date, `-latest`. Version numbers are never cut, so
 * `claude-opus-4-6` can only ever be priced as `claude-opus-4-6`, never as `claude-opus-4`.
 */

/** `4.5` and `4-5` name one version; the table's keys are written the same way (scripts/update-prices.mjs). */
export const normaliseModelKey = (id: string): string => id.trim().toLowerCase().replace(/(\d)\.(\d)/g, '$1-$2');

const ROUTING_PREFIX = /^[a-z0-9_.-]+\//;
/** Bedrock inference profiles and model ids: `us.anthropic.claude-…`, `global.anthropic.claude-…`. */
const BEDROCK_PREFIX = /^(?:(?:us|eu|apac|ap|jp|au|ca|us-gov|global)[.-])?anthropic[.-](?=claude)/;
const SUFFIXES: readonly RegExp[] = [
  /\[[^\]]*\]$/, // Claude Code's context-window marker, `claude-sonnet-4-5[1m]`
  /-v\d+(?::\d+)?$/, // Bedrock `-v1:0`
  /@(?:\d{8}|latest|default)$/, // Vertex `@20250929`
  /-20\d{6}$/, // Anthropic release date
  /-20\d{2}-\d{2}-\d{2}$/, // OpenAI release date
  /-latest$/,
];

export const modelIdCandidates = (raw: string): string[] => {
  const out: string[] = [];
  const push = (s: string): void => {
    const key = normaliseModelKey(s);
    if (key.length > 0 && !out.includes(key)) out.push(key);
  };
  let id = raw.trim().toLowerCase();
  push(id);
  while (ROUTING_PREFIX.test(id)) {
    id = id.replace(ROUTING_PREFIX, '');
    push(id);
  }
  if (BEDROCK_PREFIX.test(id)) {
    id = id.replace(BEDROCK_PREFIX, '');
    push(id);
  }
  for (const suffix of SUFFIXES) {
    if (suffix.test(id)) {
      id = id.replace(suffix, '');
      push(id);
    }
  }
  return out;
};
