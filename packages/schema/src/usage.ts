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

export const ZERO_USAGE: Usage = Object.freeze({
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  reasoning: 0,
});

export const cacheWriteTokens = (u: Usage): number => u.cacheWrite5m + u.cacheWrite1h;

/** input + output + cache writes + cache reads: ccusage's `totalTokens`. */
export const totalTokens = (u: Usage): number => u.input + u.output + u.cacheRead + u.cacheWrite5m + u.cacheWrite1h;

export const addUsage = (a: Usage, b: Usage): Usage => ({
  input: a.input + b.input,
  output: a.output + b.output,
  cacheRead: a.cacheRead + b.cacheRead,
  cacheWrite5m: a.cacheWrite5m + b.cacheWrite5m,
  cacheWrite1h: a.cacheWrite1h + b.cacheWrite1h,
  reasoning: a.reasoning + b.reasoning,
});
