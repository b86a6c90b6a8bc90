import type { Usage } from './validators/usage.js';
export type { Usage } from './validators/usage.js';

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
