import type { Config } from '../config/config.js';
import type { PriceBook } from '../pricing/index.js';
import type { WriteBatch } from '../store/types.js';
import { createPricer } from './price.js';
import { createRedactor } from './redact.js';

/**
 * parse → validate → normalize happen in each source's parser; this is the shared rest:
 * redact → enrich (cost) → store. Built once at start from the configuration, then applied
 * to every batch of every ingest path.
 */
export interface Pipeline {
  process(batch: WriteBatch): WriteBatch;
}

export const createPipeline = (config: Config, prices: PriceBook): Pipeline => {
  const redact = createRedactor(config.privacy.tier);
  const price = createPricer(prices);
  return { process: (batch) => price(redact(batch)) };
};
