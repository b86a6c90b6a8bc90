import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AgentTraceError } from '../errors.js';
import { configEnvNames } from './config-env.js';
import type { Config } from './config-schema.js';
import { CONFIG_FILE } from './data-dir.js';
import type { FlagValue } from './resolve-config.js';

export type { Config, ModelPriceOverride } from './config-schema.js';
export type { FlagValue } from './resolve-config.js';

/**
 * What `ConfigSchema.parse({})` gives, as a plain constant (config.test.ts checks that they are equal), so that
 * a run without a config file loads neither `yaml` nor zod: together ~230 ms of a 373 ms `--version` start-up
 * on the bench machine.
 */
const DEFAULT_CONFIG: Config = {
  privacy: { tier: 1, keepProjectNames: false, redaction: { extraKeys: [], extraPaths: [], patterns: [] } },
  sampling: { rate: 100 },
  retention: { days: 30, maxBytes: null, maxSessions: null },
  collection: { enabled: true, sources: { transcripts: true, hooks: true, otlp: true } },
  pricing: { models: {} },
  server: { host: '127.0.0.1', port: 8318, grpcPort: 4717 },
  store: { backend: 'sqlite' },
};

/** A fresh copy of the defaults (callers may change theirs). */
export const defaultConfig = (): Config => structuredClone(DEFAULT_CONFIG);

/** `--config FILE`, else `config.yaml` in the data dir. */
export const configFilePath = (dataDir: string, explicitPath: string | undefined): string => explicitPath ?? join(dataDir, CONFIG_FILE);

export interface ConfigOverrides {
  /** `AGENT_TRACE_*` variables override the file. */
  env?: NodeJS.ProcessEnv;
  /** Command-line options that set keys override the environment. */
  flags?: readonly FlagValue[];
}

/**
 * The effective configuration, flag > env > file > default: `--config FILE`, else `config.yaml` in the data
 * dir (a missing default file means defaults). Throws a ConfigError (exit 2) listing every bad key.
 */
export const loadConfig = async (dataDir: string, explicitPath: string | undefined, overrides: ConfigOverrides = {}): Promise<Config> => {
  const path = configFilePath(dataDir, explicitPath);
  const env = overrides.env ?? {};
  const flags = overrides.flags ?? [];
  const exists = existsSync(path);
  if (!exists && explicitPath) throw new AgentTraceError('usage', `config file not found: ${path}`);
  if (!exists && flags.length === 0 && configEnvNames(env).length === 0) return defaultConfig();
  const { loadEffectiveConfig } = await import('./effective-config.js');
  return loadEffectiveConfig({ path, env, flags }).config;
};
