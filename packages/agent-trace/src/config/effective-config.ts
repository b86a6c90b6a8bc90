import { existsSync } from 'node:fs';
import { readConfigFile } from './config-file.js';
import { resolveConfig, type FlagValue, type ResolvedConfig } from './resolve-config.js';

export interface EffectiveConfigInput {
  /** The config file; a missing file means defaults (the caller decides whether missing is an error). */
  path: string;
  env: NodeJS.ProcessEnv;
  flags?: readonly FlagValue[];
}

/** Reads the file (when it exists) and resolves it with the environment and flags. Throws ConfigError. */
export const loadEffectiveConfig = ({ path, env, flags = [] }: EffectiveConfigInput): ResolvedConfig =>
  resolveConfig({ file: existsSync(path) ? readConfigFile(path) : null, env, flags });
