import { z } from 'zod';
import { SessionId, TraceId } from './ids.js';
import { AGENTS, SESSION_STATUSES } from '../enums.js';
import { UnixNano } from './time.js';

const count = z.number().int().nonnegative();

export const SessionTotals = z.object({
  inputTokens: count,
  outputTokens: count,
  cacheReadTokens: count,
  cacheWriteTokens: count,
  /**
   * Cost in USD of the session's model calls: the source's own figure where it reported one, else the
   * calculated cost (the `auto` rule of the reports). Calls with neither are counted in `unpricedCalls`.
   */
  costUsd: z.number().nonnegative(),
  llmCalls: count,
  unpricedCalls: count,
  toolCalls: count,
  errors: count,
  prompts: count,
  subagents: count,
  linesAdded: count,
  linesRemoved: count,
});
export type SessionTotals = z.infer<typeof SessionTotals>;

export const SessionSummary = z.object({
  eventCount: count,
  durationMs: z.number().nonnegative(),
  /** Share of tool calls that succeeded, 0..1; null when there were none. */
  successRate: z.number().min(0).max(1).nullable(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const Session = z.object({
  id: SessionId,
  traceId: TraceId,
  agent: z.enum(AGENTS),
  agentVersion: z.string().nullable(),
  /** Readable project name; null unless stored (the privacy settings decide). */
  projectName: z.string().nullable(),
  /** SHA-256 of the project root (salted per install once the privacy layer is on). */
  projectHash: z.string().nullable(),
  userHash: z.string().nullable(),
  cwd: z.string().nullable(),
  gitBranch: z.string().nullable(),
  title: z.string().nullable(),
  startNs: UnixNano,
  endNs: UnixNano.nullable(),
  status: z.enum(SESSION_STATUSES),
  models: z.array(z.string()),
  totals: SessionTotals,
  summary: SessionSummary,
});
export type Session = z.infer<typeof Session>;
