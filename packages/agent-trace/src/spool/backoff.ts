/**
 * Exponential backoff with full jitter: a random delay in [0, min(cap, base · 2^attempt)). Full jitter spreads
 * retries of many clients that failed together (every hook process after a collector restart) instead of
 * having them retry in step.
 */
export const backoffDelayMs = (attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number =>
  Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
