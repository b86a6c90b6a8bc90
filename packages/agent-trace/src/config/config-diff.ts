import type { Config } from './config-schema.js';
import type { ConfigKey } from './config-keys.js';
import { getIn } from './object-path.js';

/**
 * Keys that a running `serve` cannot change: its listeners and its store are opened once. Everything else
 * (privacy tier and redaction, sampling, retention, collection switches, pricing) applies live.
 */
export const RESTART_KEY_PREFIXES = ['server.', 'store.'] as const;

export const needsRestart = (key: string): boolean => RESTART_KEY_PREFIXES.some((p) => key.startsWith(p));

/** The leaf keys whose values differ, in the schema's order. */
export const changedKeys = (keys: readonly ConfigKey[], before: Config, after: Config): string[] =>
  keys.filter((k) => JSON.stringify(getIn(before, k.path)) !== JSON.stringify(getIn(after, k.path))).map((k) => k.key);
