import type { Usage } from '@agent-trace/schema';

/** Token and cost totals under ccusage's field names, so scripts written for ccusage keep working. */
export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
  totalCost: number;
}

export interface ModelBreakdown {
  modelName: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  cost: number;
}

export const emptyTotals = (): UsageTotals => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheCreationTokens: 0,
  cacheReadTokens: 0,
  totalTokens: 0,
  totalCost: 0,
});

export const addToTotals = (t: UsageTotals, u: Usage, cost: number): void => {
  const cacheCreation = u.cacheWrite5m + u.cacheWrite1h;
  t.inputTokens += u.input;
  t.outputTokens += u.output;
  t.cacheCreationTokens += cacheCreation;
  t.cacheReadTokens += u.cacheRead;
  t.totalTokens += u.input + u.output + cacheCreation + u.cacheRead;
  t.totalCost += cost;
};

export const addTotals = (t: UsageTotals, o: UsageTotals): void => {
  t.inputTokens += o.inputTokens;
  t.outputTokens += o.outputTokens;
  t.cacheCreationTokens += o.cacheCreationTokens;
  t.cacheReadTokens += o.cacheReadTokens;
  t.totalTokens += o.totalTokens;
  t.totalCost += o.totalCost;
};
