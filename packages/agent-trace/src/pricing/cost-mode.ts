/**
 * Which cost a report shows, as in ccusage's `--mode`:
 * - `auto`: the cost the source reported (old Claude Code `costUSD`, an OTel `cost_usd`) when present, else calculated;
 * - `calculate`: always calculated from tokens and the price table;
 * - `display`: only what the source reported; 0 where it reported nothing.
 */
export const COST_MODES = ['auto', 'calculate', 'display'] as const;
export type CostMode = (typeof COST_MODES)[number];

export const isCostMode = (value: string): value is CostMode => (COST_MODES as readonly string[]).includes(value);

/**
 * The cost to show for one call. `calculated` is null for a model the price table does not know;
 * `reported` is null/undefined when the source carried no cost. The result is null only when the value
 * is unknown (calculate/auto on an unknown model with nothing reported); callers count those apart.
 */
export const pickCost = (
  mode: CostMode,
  calculated: number | null,
  reported: number | null | undefined,
): number | null => {
  switch (mode) {
    case 'auto':
      return reported ?? calculated;
    case 'calculate':
      return calculated;
    case 'display':
      return reported ?? 0;
    default:
      return mode satisfies never;
  }
};
