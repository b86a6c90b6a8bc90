import { z } from 'zod';
import type { PriceTable } from './price-table.js';

/**
 * The shipped price table's schema, strict: the test suite parses the generated snapshot with it
 * (price-table.test.ts), so a generator change that adds, drops or mistypes a field fails CI, not a user's run.
 */
const perMillion = z.number().nonnegative();

const TierRates = z
  .object({
    threshold: z.number().int().positive(),
    rule: z.enum(['bucket', 'request']),
    input: perMillion,
    output: perMillion,
    cacheRead: perMillion,
    cacheWrite5m: perMillion,
    cacheWrite1h: perMillion,
  })
  .strict();

const Rates = z
  .object({
    input: perMillion,
    output: perMillion,
    cacheRead: perMillion,
    cacheWrite5m: perMillion,
    cacheWrite1h: perMillion,
    tier: TierRates.optional(),
  })
  .strict();

const TableEntry = z
  .object({
    provider: z.string().min(1),
    prices: z.array(Rates.extend({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() })).min(1),
    fast: z.number().positive().optional(),
  })
  .strict();

const Source = z.object({ name: z.string(), version: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), url: z.string() }).strict();

export const PriceSnapshotSchema = z
  .object({
    source: Source,
    generatedBy: z.string(),
    units: z.literal('USD per million tokens'),
    models: z.record(z.string(), TableEntry),
    aliases: z.record(z.string(), z.string()),
  })
  .strict();

// The plain types in price-table.ts and this schema describe the same shape: tsc fails here if they drift apart.
type Parsed = z.infer<typeof PriceSnapshotSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SCHEMA_MATCHES_TYPES: Same<Parsed, PriceTable> = true;
