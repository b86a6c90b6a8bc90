import { nanoToMs } from '@agent-trace/schema';
import { SYNTHETIC_MODEL } from '../pricing/synthetic-model.js';
import type { LlmCallRow } from '../store/types.js';
import { callCost, type CostMode } from './cost-mode.js';

/**
 * Claude's 5-hour billing windows, computed as ccusage computes them so that `report blocks --json`
 * lines up with `ccusage blocks --json`: a block starts at the hour (UTC) of its first call and lasts
 * five hours; a call more than five hours after the block's start or after the previous call opens a
 * new block, and a silence longer than five hours becomes a gap block.
 */
export const BLOCK_HOURS = 5;
const HOUR_MS = 3_600_000;
const BLOCK_MS = BLOCK_HOURS * HOUR_MS;

export interface BillingBlock {
  id: string;
  startTime: string;
  endTime: string;
  actualEndTime: string | null;
  isActive: boolean;
  isGap: boolean;
  entries: number;
  tokenCounts: { inputTokens: number; outputTokens: number; cacheCreationInputTokens: number; cacheReadInputTokens: number };
  totalTokens: number;
  costUSD: number;
  models: string[];
  burnRate: { tokensPerMinute: number; tokensPerMinuteForIndicator: number; costPerHour: number } | null;
  projection: { totalTokens: number; totalCost: number; remainingMinutes: number } | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

interface Entry {
  ms: number;
  call: LlmCallRow;
}

const makeBlock = (startMs: number, entries: readonly Entry[], mode: CostMode, nowMs: number): BillingBlock => {
  const endMs = startMs + BLOCK_MS;
  const last = entries[entries.length - 1]!.ms;
  const first = entries[0]!.ms;
  const tokenCounts = { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };
  let cost = 0;
  const models: string[] = [];
  for (const { call } of entries) {
    tokenCounts.inputTokens += call.usage.input;
    tokenCounts.outputTokens += call.usage.output;
    tokenCounts.cacheCreationInputTokens += call.usage.cacheWrite5m + call.usage.cacheWrite1h;
    tokenCounts.cacheReadInputTokens += call.usage.cacheRead;
    cost += callCost(call.costUsd, call.reportedCostUsd, mode);
    if (call.model !== SYNTHETIC_MODEL && !models.includes(call.model)) models.push(call.model);
  }
  const totalTokens =
    tokenCounts.inputTokens + tokenCounts.outputTokens + tokenCounts.cacheCreationInputTokens + tokenCounts.cacheReadInputTokens;
  const isActive = nowMs - last < BLOCK_MS && nowMs < endMs;
  const minutes = (last - first) / 60_000;
  const burnRate =
    isActive && minutes > 0
      ? {
          tokensPerMinute: totalTokens / minutes,
          tokensPerMinuteForIndicator: (tokenCounts.inputTokens + tokenCounts.outputTokens) / minutes,
          costPerHour: (cost / minutes) * 60,
        }
      : null;
  let projection: BillingBlock['projection'] = null;
  if (burnRate) {
    const remainingMinutes = Math.round((endMs - nowMs) / 60_000);
    projection = {
      totalTokens: Math.round(totalTokens + burnRate.tokensPerMinute * remainingMinutes),
      totalCost: Math.round((cost + (burnRate.costPerHour / 60) * remainingMinutes) * 100) / 100,
      remainingMinutes,
    };
  }
  return {
    id: iso(startMs),
    startTime: iso(startMs),
    endTime: iso(endMs),
    actualEndTime: iso(last),
    isActive,
    isGap: false,
    entries: entries.length,
    tokenCounts,
    totalTokens,
    costUSD: cost,
    models,
    burnRate,
    projection,
  };
};

const gapBlock = (lastMs: number, nextMs: number): BillingBlock => {
  const start = lastMs + BLOCK_MS;
  return {
    id: `gap-${iso(start)}`,
    startTime: iso(start),
    endTime: iso(nextMs),
    actualEndTime: null,
    isActive: false,
    isGap: true,
    entries: 0,
    tokenCounts: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 },
    totalTokens: 0,
    costUSD: 0,
    models: [],
    burnRate: null,
    projection: null,
  };
};

const floorToHour = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;

export const buildBlocks = (calls: readonly LlmCallRow[], mode: CostMode, now: Date): BillingBlock[] => {
  const entries = calls.map((call) => ({ ms: nanoToMs(call.startNs), call })).sort((a, b) => a.ms - b.ms);
  const nowMs = now.getTime();
  const blocks: BillingBlock[] = [];
  let start: number | null = null;
  let current: Entry[] = [];
  for (const entry of entries) {
    if (start !== null) {
      const lastMs = current.length > 0 ? current[current.length - 1]!.ms : start;
      const sinceLast = entry.ms - lastMs;
      if (entry.ms - start > BLOCK_MS || sinceLast > BLOCK_MS) {
        blocks.push(makeBlock(start, current, mode, nowMs));
        if (sinceLast > BLOCK_MS) blocks.push(gapBlock(lastMs, entry.ms));
        current = [];
        start = floorToHour(entry.ms);
      }
    } else {
      start = floorToHour(entry.ms);
    }
    current.push(entry);
  }
  if (start !== null && current.length > 0) blocks.push(makeBlock(start, current, mode, nowMs));
  return blocks;
};
