// Imported from its own module: the pricing index loads the price table (and zod), which reports do not need.
import { pickCost, type CostMode } from '../pricing/cost-mode.js';
import type { UsageBucket } from '../store/types.js';

export { COST_MODES, type CostMode } from '../pricing/cost-mode.js';

/** A roll-up bucket's cost under the mode (its sums were kept per mode at write time). */
export const bucketCost = (b: UsageBucket, mode: CostMode): number => {
  switch (mode) {
    case 'auto':
      return b.autoCostUsd;
    case 'calculate':
      return b.costUsd;
    case 'display':
      return b.reportedCostUsd;
    default:
      return mode satisfies never;
  }
};

/** One call's cost under the mode; an unknown cost counts as 0 here and is reported apart (see isUnpriced). */
export const callCost = (calculated: number | null, reported: number | null, mode: CostMode): number =>
  pickCost(mode, calculated, reported) ?? 0;

export const isUnpriced = (calculated: number | null, reported: number | null, mode: CostMode): boolean =>
  pickCost(mode, calculated, reported) === null;
