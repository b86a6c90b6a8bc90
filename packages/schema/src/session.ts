import type { SessionTotals } from './validators/session.js';
export type { Session, SessionSummary, SessionTotals } from './validators/session.js';

export const EMPTY_TOTALS: SessionTotals = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
  llmCalls: 0,
  unpricedCalls: 0,
  toolCalls: 0,
  errors: 0,
  prompts: 0,
  subagents: 0,
  linesAdded: 0,
  linesRemoved: 0,
});
