import type { ModelPriceOverride } from '../config/config.js';
import type { Rates } from './price-table.js';

/** Anthropic's cache prices as multiples of the input price; used for cache prices an override omits. */
export const CACHE_READ_RATIO = 0.1;
export const CACHE_WRITE_5M_RATIO = 1.25;
export const CACHE_WRITE_1H_RATIO = 2;

/** A config override (USD per million tokens) as rates; its `above` tier applies to the tokens above the threshold. */
export const overrideRates = (o: ModelPriceOverride): Rates => {
  const rates: Rates = {
    input: o.input,
    output: o.output,
    cacheRead: o.cache_read ?? o.input * CACHE_READ_RATIO,
    cacheWrite5m: o.cache_write_5m ?? o.input * CACHE_WRITE_5M_RATIO,
    cacheWrite1h: o.cache_write_1h ?? o.input * CACHE_WRITE_1H_RATIO,
  };
  if (o.above) {
    const a = o.above;
    rates.tier = {
      threshold: a.threshold,
      rule: 'bucket',
      input: a.input,
      output: a.output,
      cacheRead: a.cache_read ?? a.input * CACHE_READ_RATIO,
      cacheWrite5m: a.cache_write_5m ?? a.input * CACHE_WRITE_5M_RATIO,
      cacheWrite1h: a.cache_write_1h ?? a.input * CACHE_WRITE_1H_RATIO,
    };
  }
  return rates;
};
