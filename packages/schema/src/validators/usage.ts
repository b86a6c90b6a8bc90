import { z } from 'zod';

const count = z.number().int().nonnegative();

/**
 * Canonical token usage of one model call.
 * `input` is uncached input only (Anthropic semantics); cache reads and writes are separate;
 * `reasoning` is informational and already inside `output` for providers that bill it as output.
 */
export const Usage = z.object({
  input: count,
  output: count,
  cacheRead: count,
  cacheWrite5m: count,
  cacheWrite1h: count,
  reasoning: count,
});
export type Usage = z.infer<typeof Usage>;
