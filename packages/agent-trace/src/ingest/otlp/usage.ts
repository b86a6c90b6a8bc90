import type { Attributes, Usage } from '@agent-trace/schema';
import { asCount } from './values.js';

const first = (attrs: Attributes, keys: readonly string[]): number | null => {
  for (const key of keys) {
    const v = asCount(attrs[key]);
    if (v !== null) return v;
  }
  return null;
};

/**
 * Usage from GenAI semantic-convention attributes. There `gen_ai.usage.input_tokens` INCLUDES cache reads
 * and cache writes, while our Usage.input is uncached input only, so the cache parts are subtracted.
 * Returns null when the span carries no usage at all.
 */
export const genAiUsage = (attrs: Attributes): Usage | null => {
  const input = first(attrs, ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens']);
  const output = first(attrs, ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens']);
  if (input === null && output === null) return null;
  const cacheRead = first(attrs, ['gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens']) ?? 0;
  const cacheWrite = first(attrs, ['gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.cache_creation_input_tokens']) ?? 0;
  return {
    input: Math.max(0, (input ?? 0) - cacheRead - cacheWrite),
    output: output ?? 0,
    cacheRead,
    cacheWrite5m: cacheWrite,
    cacheWrite1h: 0,
    reasoning: first(attrs, ['gen_ai.usage.reasoning.output_tokens', 'codex.usage.reasoning_output_tokens']) ?? 0,
  };
};

/**
 * Usage from Claude Code's own attributes (api_request events, llm_request spans): Anthropic semantics,
 * `input_tokens` is already uncached. OTel does not split cache writes by TTL, so all count as 5-minute writes.
 */
export const claudeUsage = (attrs: Attributes): Usage | null => {
  const input = asCount(attrs['input_tokens']);
  const output = asCount(attrs['output_tokens']);
  if (input === null && output === null) return null;
  return {
    input: input ?? 0,
    output: output ?? 0,
    cacheRead: asCount(attrs['cache_read_tokens']) ?? 0,
    cacheWrite5m: asCount(attrs['cache_creation_tokens']) ?? 0,
    cacheWrite1h: 0,
    reasoning: 0,
  };
};
