export { createPriceBook, SYNTHETIC_MODEL } from './price-book.js';
export type { CostOptions, ModelPrice, PriceBook, PricePeriod } from './price-book.js';
export { costAtRates } from './cost.js';
export { COST_MODES, isCostMode, pickCost } from './cost-mode.js';
export type { CostMode } from './cost-mode.js';
export { modelIdCandidates } from './model-id.js';
export { PRICE_TABLE_SOURCE } from './price-table.js';
export type { PriceTableSource, Rates, TierRates } from './price-table.js';
