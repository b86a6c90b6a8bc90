import { usageError } from '../errors.js';

/**
 * Claude Code's OpenTelemetry switch and exporters (agent-formats.md §3.1), pointed at the collector.
 * Traces are beta in Claude Code (they also need CLAUDE_CODE_ENHANCED_TELEMETRY_BETA=1); the exporter is set
 * so they arrive as soon as the user turns the beta on.
 */
export const otelEnv = (endpoint: string): Record<string, string> => ({
  CLAUDE_CODE_ENABLE_TELEMETRY: '1',
  OTEL_METRICS_EXPORTER: 'otlp',
  OTEL_LOGS_EXPORTER: 'otlp',
  OTEL_TRACES_EXPORTER: 'otlp',
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
  OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
});

type Json = Record<string, unknown>;

const envObject = (settings: Json, create: boolean): Json | null => {
  const env = settings['env'];
  if (env === undefined) {
    if (!create) return null;
    settings['env'] = {};
    return settings['env'] as Json;
  }
  if (typeof env !== 'object' || env === null || Array.isArray(env)) throw usageError('"env" in the settings file is not an object; fix it by hand, nothing was written');
  return env as Json;
};

export interface EnvChanges {
  added: string[];
  replaced: string[];
  /** Keys the user already set to something else, left alone (unless forced). */
  conflicts: Array<{ key: string; current: unknown; ours: string }>;
}

/** Sets each key that is absent; a key set to another value is a conflict, replaced only with `force`. Mutates `settings`. */
export const installEnv = (settings: Json, wanted: Record<string, string>, force: boolean): EnvChanges => {
  const changes: EnvChanges = { added: [], replaced: [], conflicts: [] };
  const env = envObject(settings, true)!;
  for (const [key, value] of Object.entries(wanted)) {
    if (!(key in env)) {
      env[key] = value;
      changes.added.push(key);
    } else if (env[key] !== value) {
      if (force) {
        env[key] = value;
        changes.replaced.push(key);
      } else changes.conflicts.push({ key, current: env[key], ours: value });
    }
  }
  if (Object.keys(env).length === 0) delete settings['env'];
  return changes;
};

/** Removes the keys that still hold our values (and `env` when that leaves it empty). Mutates `settings`. */
export const uninstallEnv = (settings: Json, ours: Record<string, string>): string[] => {
  const env = envObject(settings, false);
  if (!env) return [];
  const removed = Object.entries(ours)
    .filter(([key, value]) => env[key] === value)
    .map(([key]) => key);
  for (const key of removed) delete env[key];
  if (removed.length > 0 && Object.keys(env).length === 0) delete settings['env'];
  return removed;
};
