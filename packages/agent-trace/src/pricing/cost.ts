import type { Usage } from '@agent-trace/schema';
import type { Rates } from './price-table.js';

const PER_MILLION = 1_000_000;

/** Tokens at `base` up to the threshold and at `above` past it (ccusage's per-bucket long-context rule). */
const tiered = (tokens: number, base: number, above: number, threshold: number): number =>
  tokens > threshold ? threshold * base + (tokens - threshold) * above : tokens * base;

/**
 * USD for one model call at the given rates (USD per million tokens).
 *
 * - input, output and cache reads at their rates; 5-minute cache writes at the cache-write rate and
 *   1-hour writes at their own rate (Anthropic: 2 × input).
 * - A `bucket` tier prices the tokens above the threshold in each bucket at the tier rate, as ccusage
 *   does for LiteLLM's `*_above_200k_tokens` rates. A `request` tier prices every bucket at the tier
 *   rate once input + cache reads + cache writes exceed the threshold (OpenAI's 272k rule).
 * - `fastMultiplier` scales the whole call (Claude's `speed: "fast"`).
 */
export const costAtRates = (rates: Rates, usage: Usage, fastMultiplier = 1): number => {
  const { tier } = rates;
  let micro: number;
  if (tier === undefined) {
    micro =
      usage.input * rates.input +
      usage.output * rates.output +
      usage.cacheRead * rates.cacheRead +
      usage.cacheWrite5m * rates.cacheWrite5m +
      usage.cacheWrite1h * rates.cacheWrite1h;
  } else if (tier.rule === 'request') {
    const context = usage.input + usage.cacheRead + usage.cacheWrite5m + usage.cacheWrite1h;
    const r = context > tier.threshold ? tier : rates;
    micro =
      usage.input * r.input +
      usage.output * r.output +
      usage.cacheRead * r.cacheRead +
      usage.cacheWrite5m * r.cacheWrite5m +
      usage.cacheWrite1h * r.cacheWrite1h;
  } else {
    const t = tier.threshold;
    micro =
      tiered(usage.input, rates.input, tier.input, t) +
      tiered(usage.output, rates.output, tier.output, t) +
      tiered(usage.cacheRead, rates.cacheRead, tier.cacheRead, t) +
      tiered(usage.cacheWrite5m, rates.cacheWrite5m, tier.cacheWrite5m, t) +
      tiered(usage.cacheWrite1h, rates.cacheWrite1h, tier.cacheWrite1h, t);
  }
  return (micro / PER_MILLION) * fastMultiplier;
};
