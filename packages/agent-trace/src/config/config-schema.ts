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
    input: perMillion,
    output: perMillion,
    cache_read: perMillion.optional(),
    cache_write_5m: perMillion.optional(),
    cache_write_1h: perMillion.optional(),
    /** Prices for the tokens above `threshold` (long-context tiers). */
    above: z
      .object({
        threshold: z.number().int().positive(),
        input: perMillion,
        output: perMillion,
        cache_read: perMillion.optional(),
        cache_write_5m: perMillion.optional(),
        cache_write_1h: perMillion.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ModelPriceOverride = z.infer<typeof ModelPriceOverride>;

export const ConfigSchema = z
  .object({
    privacy: z
      .object({
        tier: z.union(PRIVACY_TIERS.map((t) => z.literal(t)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>]).default(1),
        /** Store the readable project name (the root's last segment) and the cwd beside the salted hash. */
        keepProjectNames: z.boolean().default(false),
        redaction: z
          .object({
            /** Key names added to the built-in secret keys (password, token, api_key, …). */
            extraKeys: z.array(z.string().min(1)).default([]),
            /** Locations added to the sensitive paths (`~/.kube`, `/var/secrets`, `*.pem`). */
            extraPaths: z.array(z.string().min(1)).default([]),
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
      .object({ rate: z.number().min(0, 'must be a percentage from 0 to 100').max(100, 'must be a percentage from 0 to 100').default(100) })
      .strict()
      .default({ rate: 100 }),
    /** What `serve` (daily at 03:00 UTC) and `agent-trace prune` delete: whole sessions, oldest first. */
    retention: z
      .object({
        days: z.number().int('must be a whole number of days').min(1, 'must be from 1 to 365 days').max(365, 'must be from 1 to 365 days').default(30),
        /** Largest store size in bytes (null: no limit). */
        maxBytes: z.number().int().positive().nullable().default(null),
        /** Most sessions kept (null: no limit). */
        maxSessions: z.number().int().positive().nullable().default(null),
      })
      .strict()
      .default({ days: 30, maxBytes: null, maxSessions: null }),
    /** The GDPR switch (`enabled: false` stores nothing and purges what is stored) and per-source opt-in. */
    collection: z
      .object({
        enabled: z.boolean().default(true),
        sources: z
          .object({ transcripts: z.boolean().default(true), hooks: z.boolean().default(true), otlp: z.boolean().default(true) })
          .strict()
          .default({ transcripts: true, hooks: true, otlp: true }),
      })
      .strict()
      .default({ enabled: true, sources: { transcripts: true, hooks: true, otlp: true } }),
    pricing: z
      .object({
        /** Model id → price; an exact id, matched before the shipped table. */
        models: z.record(z.string().min(1), ModelPriceOverride).default({}),
      })
      .strict()
      .default({ models: {} }),
    /** `agent-trace serve`: HTTP (OTLP/HTTP, health, API) and OTLP/gRPC listeners; loopback by default. */
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8318),
        grpcPort: z.number().int().min(0).max(65535).default(4717),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8318, grpcPort: 4717 }),
    store: z
      .object({
        backend: z.literal('sqlite').default('sqlite'),
      })
      .strict()
      .default({ backend: 'sqlite' }),
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
