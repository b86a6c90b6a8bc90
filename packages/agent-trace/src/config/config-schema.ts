import { z } from 'zod';
import { PRIVACY_TIERS } from '@agent-trace/schema';
import { AgentTraceError } from '../errors.js';

/**
 * The configuration's validator. Loaded by config.ts only when a config file exists: importing zod and
 * building this schema is ~150 ms of CLI start-up on the bench machine, and most runs have no file.
 */
const perMillion = z.number().nonnegative();

/** A user's price for one model, in USD per million tokens. Omitted cache prices follow Anthropic's ratios to `input`. */
export const ModelPriceOverride = z
  .object({
    input: perMillion.describe('USD per million input tokens'),
    output: perMillion.describe('USD per million output tokens'),
    cache_read: perMillion.optional().describe('USD per million cache-read tokens (default: 0.1 × input)'),
    cache_write_5m: perMillion.optional().describe('USD per million 5-minute cache-write tokens (default: 1.25 × input)'),
    cache_write_1h: perMillion.optional().describe('USD per million 1-hour cache-write tokens (default: 2 × input)'),
    above: z
      .object({
        threshold: z.number().int().positive().describe('Prompt tokens above which these prices apply'),
        input: perMillion,
        output: perMillion,
        cache_read: perMillion.optional(),
        cache_write_5m: perMillion.optional(),
        cache_write_1h: perMillion.optional(),
      })
      .strict()
      .optional()
      .describe('Prices for the tokens above `threshold` (long-context tiers)'),
  })
  .strict()
  .describe('A price for one model, in USD per million tokens');
export type ModelPriceOverride = z.infer<typeof ModelPriceOverride>;

export const ConfigSchema = z
  .object({
    privacy: z
      .object({
        tier: z
          .union(PRIVACY_TIERS.map((t) => z.literal(t)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>])
          .default(1)
          .describe('1 metadata only; 2 adds prompts and tool parameters, redacted; 3 full fidelity, redacted'),
        /** Store the readable project name (the root's last segment) and the cwd beside the salted hash. */
        keepProjectNames: z.boolean().default(false).describe('store readable project names and working directories (otherwise only salted hashes)'),
        redaction: z
          .object({
            /** Key names added to the built-in secret keys (password, token, api_key, …). */
            extraKeys: z.array(z.string().min(1)).default([]).describe('key names whose values are always redacted, added to the built-in list'),
            /** Locations added to the sensitive paths (`~/.kube`, `/var/secrets`, `*.pem`). */
            extraPaths: z.array(z.string().min(1)).default([]).describe('sensitive locations added to the built-in list (~/.ssh, ~/.aws, ~/.config, /etc, .env files)'),
            /** Regexes of the user's own secrets, replaced by `replacement` (default `[REDACTED]`). */
            patterns: z
              .array(
                z
                  .object({ name: z.string().min(1), regex: z.string().min(1), replacement: z.string().optional(), flags: z.string().optional() })
                  .strict(),
              )
              .default([]),
          })
          .strict()
          .default({ extraKeys: [], extraPaths: [], patterns: [] }),
      })
      .strict()
      .default({ tier: 1, keepProjectNames: false, redaction: { extraKeys: [], extraPaths: [], patterns: [] } }),
    /** Share of traces kept in full, in percent, decided per trace id; errors are always kept, session totals stay exact. */
    sampling: z
      .object({
        rate: z
          .number()
          .min(0, 'must be a percentage from 0 to 100')
          .max(100, 'must be a percentage from 0 to 100')
          .default(100)
          .describe('percent of traces kept in full, chosen by trace id; errors always kept; totals stay exact'),
      })
      .strict()
      .default({ rate: 100 }),
    /** What `serve` (daily at 03:00 UTC) and `agent-trace prune` delete: whole sessions, oldest first. */
    retention: z
      .object({
        days: z
          .number()
          .int('must be a whole number of days')
          .min(1, 'must be from 1 to 365 days')
          .max(365, 'must be from 1 to 365 days')
          .default(30)
          .describe('sessions older than this are pruned (daily at 03:00 UTC by serve, or agent-trace prune)'),
        /** Largest store size in bytes (null: no limit). */
        maxBytes: z.number().int().positive().nullable().default(null).describe('prune the oldest sessions until the store is no larger than this; null: no limit'),
        /** Most sessions kept (null: no limit). */
        maxSessions: z.number().int().positive().nullable().default(null).describe('keep at most this many sessions; null: no limit'),
      })
      .strict()
      .default({ days: 30, maxBytes: null, maxSessions: null }),
    /** The GDPR switch (`enabled: false` stores nothing and purges what is stored) and per-source opt-in. */
    collection: z
      .object({
        enabled: z.boolean().default(true).describe('false collects nothing from any source and purges what is stored'),
        sources: z
          .object({
            transcripts: z.boolean().default(true).describe('collect from Claude Code transcripts (import, and serve\'s watcher)'),
            hooks: z.boolean().default(true).describe('collect hook events (POST /v1/hooks)'),
            otlp: z.boolean().default(true).describe('collect OpenTelemetry data (OTLP/HTTP and gRPC)'),
          })
          .strict()
          .default({ transcripts: true, hooks: true, otlp: true }),
      })
      .strict()
      .default({ enabled: true, sources: { transcripts: true, hooks: true, otlp: true } }),
    pricing: z
      .object({
        /** Model id → price; an exact id, matched before the shipped table. */
        models: z
          .record(z.string().min(1), ModelPriceOverride)
          .default({})
          .describe('Model id → price, in USD per million tokens; an exact id, matched before the shipped price table'),
      })
      .strict()
      .default({ models: {} })
      .describe('Your own model prices'),
    /** `agent-trace serve`: HTTP (OTLP/HTTP, health, API) and OTLP/gRPC listeners; loopback by default. */
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1').describe('Address to listen on; any other than loopback requires AGENT_TRACE_TOKEN'),
        port: z.number().int().min(0).max(65535).default(8318).describe('HTTP port: OTLP/HTTP, hooks, REST API, dashboard (0: any free port)'),
        grpcPort: z.number().int().min(0).max(65535).default(4717).describe('OTLP/gRPC port (0: any free port)'),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8318, grpcPort: 4717 })
      .describe('agent-trace serve: its HTTP and OTLP/gRPC listeners (a change needs a restart of serve)'),
    store: z
      .object({
        backend: z.literal('sqlite').default('sqlite').describe('Storage backend: sqlite, one file in the data directory'),
      })
      .strict()
      .default({ backend: 'sqlite' })
      .describe('Where records are stored (a change needs a restart of serve)'),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

const describeIssue = (issue: z.core.$ZodIssue): string => {
  const key = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return `${key}: ${issue.message}`;
};

/** Validates a parsed config object; the error names every bad key. */
export const parseConfig = (raw: unknown, origin: string): Config => {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.map(describeIssue);
    throw new AgentTraceError('usage', `invalid configuration in ${origin}:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
};
