import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PRIVACY_TIERS } from '@agent-trace/schema';
import { AgentTraceError } from '../errors.js';
import { CONFIG_FILE } from './data-dir.js';

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
      })
      .strict()
      .default({ tier: 1 }),
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

export const defaultConfig = (): Config => ConfigSchema.parse({});

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

/** Reads `--config FILE`, else `config.yaml` in the data dir; a missing default file means defaults. */
export const loadConfig = (dataDir: string, explicitPath: string | undefined): Config => {
  const path = explicitPath ?? join(dataDir, CONFIG_FILE);
  if (!existsSync(path)) {
    if (explicitPath) throw new AgentTraceError('usage', `config file not found: ${path}`);
    return defaultConfig();
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AgentTraceError('usage', `cannot read config file ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new AgentTraceError('usage', `config file ${path} is not valid YAML: ${(err as Error).message}`);
  }
  return parseConfig(raw, path);
};
