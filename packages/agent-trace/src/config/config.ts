import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentTraceError } from '../errors.js';
import type { Config } from './config-schema.js';
import { CONFIG_FILE } from './data-dir.js';

export type { Config, ModelPriceOverride } from './config-schema.js';

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

/** Reads `--config FILE`, else `config.yaml` in the data dir; a missing default file means defaults. */
export const loadConfig = async (dataDir: string, explicitPath: string | undefined): Promise<Config> => {
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
  const [{ parse: parseYaml }, { parseConfig }] = await Promise.all([import('yaml'), import('./config-schema.js')]);
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new AgentTraceError('usage', `config file ${path} is not valid YAML: ${(err as Error).message}`);
  }
  return parseConfig(raw, path);
};
