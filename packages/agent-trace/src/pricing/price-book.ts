import type { Usage } from '@agent-trace/schema';
import type { ModelPriceOverride } from '../config/config.js';
import { costAtRates } from './cost.js';
import { SYNTHETIC_MODEL } from './synthetic-model.js';
import { modelIdCandidates, normaliseModelKey } from './model-id.js';
import { overrideRates } from './override-rates.js';
import { PRICE_TABLE_SOURCE, shippedPriceTable, type PriceTable, type PriceTableSource, type Rates } from './price-table.js';


export interface PricePeriod {
  /** Start of the period in epoch ms (UTC midnight); 0 for the first. */
  fromMs: number;
  rates: Rates;
}

export interface ModelPrice {
  /** The id the price was found under: a table id, an override key, or `<synthetic>`. */
  id: string;
  provider: string;
  origin: 'override' | 'table' | 'synthetic';
  /** Ascending by `fromMs`; the last one is today's price. */
  periods: readonly PricePeriod[];
  /** Multiplier for `speed: "fast"`; 1 where the model has no fast mode in the table. */
  fastMultiplier: number;
}

export interface CostOptions {
  speed?: 'fast' | 'standard';
  /** When the call happened (epoch ms); picks the price in force then. Default: today's price. */
  at?: number;
}

export interface PriceBook {
  /** The price of a model, or null when neither the overrides nor the table know it. */
  priceFor(model: string): ModelPrice | null;
  /** USD for one call, or null for an unknown model (unknown is not free). */
  cost(model: string, usage: Usage, opts?: CostOptions): number | null;
  readonly source: Readonly<PriceTableSource>;
}

const ZERO_RATES: Rates = { input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 };
const SYNTHETIC_PRICE: ModelPrice = Object.freeze({
  id: SYNTHETIC_MODEL,
  provider: 'local',
  origin: 'synthetic',
  periods: Object.freeze([{ fromMs: 0, rates: ZERO_RATES }]),
  fastMultiplier: 1,
});

const tablePrice = (table: PriceTable, id: string): ModelPrice | null => {
  const entry = table.models[id];
  if (!entry) return null;
  const periods = entry.prices
    .map(({ from, ...rates }) => ({ fromMs: from === undefined ? 0 : Date.parse(`${from}T00:00:00Z`), rates }))
    .sort((a, b) => a.fromMs - b.fromMs);
  return { id, provider: entry.provider, origin: 'table', periods, fastMultiplier: entry.fast ?? 1 };
};

const periodAt = (price: ModelPrice, at: number | undefined): Rates => {
  const { periods } = price;
  let chosen = periods[periods.length - 1] as PricePeriod;
  if (at !== undefined) {
    for (let i = periods.length - 1; i >= 0; i--) {
      const p = periods[i] as PricePeriod;
      chosen = p;
      if (p.fromMs <= at) break;
    }
  }
  return chosen.rates;
};

/**
 * Prices from the shipped table, with the user's overrides (config `pricing.models`, USD per million
 * tokens) winning over it. Lookups are memoised per model id: an import prices ~300k calls with a few
 * dozen distinct ids, so each id's normalisation and table search runs once.
 */
export const createPriceBook = (overrides: Readonly<Record<string, ModelPriceOverride>> = {}): PriceBook => {
  const table = shippedPriceTable();
  const overrideByKey = new Map<string, ModelPrice>();
  for (const [key, o] of Object.entries(overrides)) {
    overrideByKey.set(normaliseModelKey(key), {
      id: key,
      provider: 'config',
      origin: 'override',
      periods: [{ fromMs: 0, rates: overrideRates(o) }],
      fastMultiplier: 1,
    });
  }

  const findInTable = (candidates: readonly string[]): ModelPrice | null => {
    for (const c of candidates) {
      const id = table.models[c] ? c : table.aliases[c];
      if (id !== undefined) return tablePrice(table, id);
    }
    return null;
  };

  const resolve = (model: string): ModelPrice | null => {
    if (model.trim() === SYNTHETIC_MODEL) return SYNTHETIC_PRICE;
    const candidates = modelIdCandidates(model);
    const shipped = findInTable(candidates);
    for (const c of candidates) {
      const o = overrideByKey.get(c);
      // An override replaces the rates; fast mode remains a property of the model.
      if (o) return { ...o, fastMultiplier: shipped?.fastMultiplier ?? 1 };
    }
    return shipped;
  };

  const memo = new Map<string, ModelPrice | null>();
  const priceFor = (model: string): ModelPrice | null => {
    let p = memo.get(model);
    if (p === undefined) {
      p = resolve(model);
      memo.set(model, p);
    }
    return p;
  };

  return {
    priceFor,
    cost(model, usage, opts) {
      const price = priceFor(model);
      if (price === null) return null;
      const fast = opts?.speed === 'fast' ? price.fastMultiplier : 1;
      return costAtRates(periodAt(price, opts?.at), usage, fast);
    },
    source: PRICE_TABLE_SOURCE,
  };
};

export { SYNTHETIC_MODEL };
