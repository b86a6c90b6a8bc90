import type { core } from 'zod';
import { ConfigError } from './config-error.js';
import { configJsonSchema } from './config-json-schema.js';
import { configEnvNames, NON_CONFIG_ENV } from './config-env.js';
import type { ConfigFile } from './config-file.js';
import { ENV_PREFIX, envNameFor, leafKeyOf, listConfigKeys, toUpperSnake, type ConfigKey } from './config-keys.js';
import { ConfigSchema, type Config } from './config-schema.js';
import { describeAllowed } from './describe-allowed.js';
import { nodeAt } from './json-schema-node.js';
import { dottedPath, getIn, isPlainObject, setIn } from './object-path.js';
import { parseTextFor } from './parse-value.js';
import { describeSource, type ValueSource } from './value-source.js';

/** A command-line option that sets a config key (`--port 9000` → `server.port`). */
export interface FlagValue {
  flag: string;
  key: string;
  text: string;
}

export interface ResolveInput {
  file: ConfigFile | null;
  env: NodeJS.ProcessEnv;
  flags?: readonly FlagValue[];
}

export interface ResolvedConfig {
  config: Config;
  /** Where each leaf key's value came from, by dotted key, in the schema's order. */
  sources: ReadonlyMap<string, ValueSource>;
  file: ConfigFile | null;
}

interface Override {
  key: ConfigKey;
  value: unknown;
  source: ValueSource;
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const unknownEnvProblem = (name: string, keys: readonly ConfigKey[]): string => {
  const section = name.slice(ENV_PREFIX.length).split('__')[0] ?? '';
  const near = keys.filter((k) => toUpperSnake(k.path[0] ?? '') === section).map((k) => k.env);
  const known = near.length > 0 ? near : [...new Set(keys.map((k) => `${envNameFor(k.path.slice(0, 1))}__…`))];
  return `${name}: not a configuration variable; allowed: ${known.join(', ')} (besides ${NON_CONFIG_ENV.join(', ')}, which are not config keys)`;
};

/**
 * The effective configuration: defaults, then the file, then `AGENT_TRACE_*` variables, then flags, each level
 * winning over the one before. Every problem of every level is collected and thrown together as a ConfigError.
 */
export const resolveConfig = ({ file, env, flags = [] }: ResolveInput): ResolvedConfig => {
  const schema = configJsonSchema();
  const keys = listConfigKeys(schema);
  const problems: string[] = [];
  const overrides: Override[] = [];

  let merged: Record<string, unknown> = {};
  if (file && isPlainObject(file.raw)) merged = structuredClone(file.raw);
  else if (file && file.raw !== null && file.raw !== undefined) {
    problems.push(`${file.path}: the top level must be a map of keys (privacy:, server:, …); got ${show(file.raw)}`);
  }

  const addOverride = (key: ConfigKey, text: string, source: ValueSource): void => {
    const parsed = parseTextFor(key.node, text);
    if (parsed.ok) overrides.push({ key, value: parsed.value, source });
    else problems.push(`${key.key}: ${parsed.reason} (${describeSource(source)}); allowed: ${describeAllowed(key.node)}`);
  };
  for (const name of configEnvNames(env)) {
    const key = keys.find((k) => k.env === name);
    if (key) addOverride(key, env[name] ?? '', { kind: 'env', name });
    else problems.push(unknownEnvProblem(name, keys));
  }
  for (const flag of flags) {
    const key = keys.find((k) => k.key === flag.key);
    if (key) addOverride(key, flag.text, { kind: 'flag', name: flag.flag });
    else problems.push(`${flag.flag}: sets '${flag.key}', which is not a configuration key`);
  }
  // Env overrides come first in the list and flags after them, so a flag wins over a variable for the same key.
  for (const o of overrides) setIn(merged, o.key.path, o.value);

  const sourceOf = (path: readonly PropertyKey[]): string => {
    const leaf = leafKeyOf(keys, path);
    const override = leaf && overrides.findLast((o) => o.key === leaf);
    if (override) return describeSource(override.source);
    if (!file) return 'default';
    const line = file.lineOf(path);
    return `file ${file.path}${line === undefined ? '' : ` line ${line}`}`;
  };
  const describeIssue = (issue: core.$ZodIssue): string[] => {
    if (issue.code === 'unrecognized_keys') {
      const allowed = Object.keys(nodeAt(schema, issue.path)?.properties ?? {});
      const where = issue.path.length > 0 ? ` in ${dottedPath(issue.path)}` : '';
      return issue.keys.map((k) => `${dottedPath([...issue.path, k])}: unknown key (${sourceOf([...issue.path, k])}); allowed keys${where}: ${allowed.join(', ')}`);
    }
    const node = nodeAt(schema, issue.path);
    const allowed = node ? `; allowed: ${describeAllowed(node)}` : '';
    const value = getIn(merged, issue.path);
    const got = value === undefined ? '' : `; got ${show(value)}`;
    return [`${dottedPath(issue.path)}: ${issue.message}${got} (${sourceOf(issue.path)})${allowed}`];
  };

  const result = ConfigSchema.safeParse(merged);
  if (!result.success) problems.push(...result.error.issues.flatMap(describeIssue));
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);

  const sources = new Map<string, ValueSource>();
  for (const key of keys) {
    const override = overrides.findLast((o) => o.key === key);
    if (override) sources.set(key.key, override.source);
    else if (file && getIn(file.raw, key.path) !== undefined) sources.set(key.key, { kind: 'file', name: file.path });
    else sources.set(key.key, { kind: 'default' });
  }
  return { config: result.data, sources, file };
};
