import type { Config } from '../config/config.js';
import type { PriceBook } from '../pricing/index.js';
import type { WriteBatch } from '../store/types.js';
import { createPricer } from './price.js';
import { createBatchRedactor, type BatchRedactionOptions } from './redact.js';
import { createSampler } from './sample.js';

/**
 * parse → validate → normalize happen in each source's parser; this is the shared rest:
 * redact → enrich (cost) → sample → store. Built once at start from the configuration, then applied
 * to every batch of every ingest path. Pricing comes before sampling so that left-out model calls still
 * carry their cost into the totals.
 */
export interface Pipeline {
  process(batch: WriteBatch): WriteBatch;
}

export interface PipelineContext {
  /** The install's salt (privacy/salt.ts `loadOrCreateSalt(dataDir)`). */
  salt: Uint8Array | string;
}

const EMPTY: WriteBatch = Object.freeze({});

/** The privacy settings of a configuration, as the batch redactor takes them. */
export const redactionOptionsOf = (config: Config, salt: Uint8Array | string): BatchRedactionOptions => ({
  tier: config.privacy.tier,
  salt,
  keepProjectNames: config.privacy.keepProjectNames,
  secretKeyNames: config.privacy.redaction.extraKeys,
  sensitivePaths: config.privacy.redaction.extraPaths,
  patterns: config.privacy.redaction.patterns,
});

export const createPipeline = (config: Config, prices: PriceBook, context: PipelineContext): Pipeline => {
  // The GDPR switch: with collection off nothing reaches the store, whichever path it came by.
  if (!config.collection.enabled) return { process: () => EMPTY };
  const redact = createBatchRedactor(redactionOptionsOf(config, context.salt));
  const price = createPricer(prices);
  const sample = createSampler(config.sampling.rate);
  return { process: (batch) => sample(price(redact(batch))) };
};
