import { existsSync } from 'node:fs';
import { stringify } from 'yaml';
import { EXIT, usageError } from '../../errors.js';
import { configFilePath } from '../../config/config.js';
import { ConfigError } from '../../config/config-error.js';
import { readConfigFile } from '../../config/config-file.js';
import { configJsonSchema } from '../../config/config-json-schema.js';
import { leafKeyOf, listConfigKeys } from '../../config/config-keys.js';
import { setConfigValue } from '../../config/edit-config-file.js';
import { loadEffectiveConfig } from '../../config/effective-config.js';
import { parseKeyPath } from '../../config/key-path.js';
import { getIn } from '../../config/object-path.js';
import { parseTextFor } from '../../config/parse-value.js';
import { resolveConfig, type ResolvedConfig } from '../../config/resolve-config.js';
import { describeSource } from '../../config/value-source.js';
import { flag, str } from '../args.js';
import { renderTable, writeJson, writeLine } from '../output.js';
import type { CommandContext, CommandRun, ParsedValues } from '../command.js';

const SUBCOMMANDS = ['show', 'get', 'set', 'path', 'validate', 'schema'] as const;

const filePath = (ctx: CommandContext, values: ParsedValues): string => configFilePath(ctx.dataDir, str(values, 'config'));

const effective = (ctx: CommandContext, values: ParsedValues): ResolvedConfig => {
  const path = filePath(ctx, values);
  if (str(values, 'config') !== undefined && !existsSync(path)) throw usageError(`config file not found: ${path}`);
  return loadEffectiveConfig({ path, env: ctx.env });
};

const expectArgs = (args: readonly string[], names: readonly string[], sub: string): void => {
  if (args.length !== names.length) {
    throw usageError(`config ${sub} takes ${names.length === 0 ? 'no arguments' : names.join(' ')}; got ${args.length === 0 ? 'none' : args.map((a) => `'${a}'`).join(' ')}`);
  }
};

const show = (ctx: CommandContext, values: ParsedValues): number => {
  const { config, sources } = effective(ctx, values);
  if (!flag(values, 'sources')) {
    if (flag(values, 'json')) writeJson(ctx.stdout, config);
    else ctx.stdout.write(stringify(config));
    return EXIT.ok;
  }
  const rows = [...sources].map(([key, source]) => ({ key, value: getIn(config, key.split('.')), source: source.kind, ...(source.kind === 'default' ? {} : { from: source.name }) }));
  if (flag(values, 'json')) writeJson(ctx.stdout, rows);
  else {
    ctx.stdout.write(
      renderTable(
        [{ header: 'Key' }, { header: 'Value' }, { header: 'Source' }],
        rows.map((r) => [r.key, JSON.stringify(r.value), describeSource(sources.get(r.key) ?? { kind: 'default' })]),
      ),
    );
  }
  return EXIT.ok;
};

const get = (ctx: CommandContext, values: ParsedValues, key: string): number => {
  const { path } = parseKeyPath(configJsonSchema(), key);
  const value = getIn(effective(ctx, values).config, path);
  if (value === undefined) throw usageError(`config key '${key}' is not set (it has no default)`);
  if (flag(values, 'json') || (typeof value === 'object' && value !== null)) writeJson(ctx.stdout, value);
  else writeLine(ctx.stdout, String(value));
  return EXIT.ok;
};

const set = (ctx: CommandContext, values: ParsedValues, key: string, text: string): number => {
  const { path, node } = parseKeyPath(configJsonSchema(), key);
  const parsed = parseTextFor(node, text);
  if (!parsed.ok) throw new ConfigError([`${key}: ${parsed.reason}`]);
  const file = filePath(ctx, values);
  const remaining = setConfigValue(file, path, parsed.value);
  writeLine(ctx.stdout, `${key} = ${JSON.stringify(parsed.value)} in ${file}`);
  if (remaining.length > 0) ctx.stderr.write(`warning: ${file} still has ${remaining.length} problem(s):\n  ${remaining.join('\n  ')}\n`);
  // The file is edited, but a variable set in this shell still wins over it.
  const leaf = leafKeyOf(listConfigKeys(configJsonSchema()), path);
  if (leaf && (ctx.env[leaf.env] ?? '') !== '') ctx.stderr.write(`note: ${leaf.env} is set and overrides ${leaf.key} in this environment\n`);
  return EXIT.ok;
};

const validate = (ctx: CommandContext, values: ParsedValues, explicit: string | undefined): number => {
  const path = explicit ?? filePath(ctx, values);
  let problems: readonly string[] = [];
  try {
    if (explicit !== undefined) {
      if (!existsSync(explicit)) throw usageError(`config file not found: ${explicit}`);
      resolveConfig({ file: readConfigFile(explicit), env: {} });
    } else effective(ctx, values);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems = err.problems;
  }
  const exists = existsSync(path);
  if (flag(values, 'json')) writeJson(ctx.stdout, { valid: problems.length === 0, path, exists, problems });
  else if (problems.length > 0) {
    ctx.stderr.write(`agent-trace: ${problems.length} problem(s) in the configuration (${path}${explicit ? '' : ' and AGENT_TRACE_* variables'}):\n`);
    for (const p of problems) ctx.stderr.write(`  ${p}\n`);
  } else writeLine(ctx.stdout, exists ? `valid: ${path}` : `valid: no file at ${path}; the defaults are in effect`);
  return problems.length === 0 ? EXIT.ok : EXIT.usage;
};

export const runConfig: CommandRun = async (ctx, values, positionals) => {
  const [sub, ...args] = positionals;
  switch (sub) {
    case 'show':
      expectArgs(args, [], sub);
      return show(ctx, values);
    case 'get':
      expectArgs(args, ['KEY'], sub);
      return get(ctx, values, args[0] ?? '');
    case 'set':
      expectArgs(args, ['KEY', 'VALUE'], sub);
      return set(ctx, values, args[0] ?? '', args[1] ?? '');
    case 'path': {
      expectArgs(args, [], sub);
      const path = filePath(ctx, values);
      if (flag(values, 'json')) writeJson(ctx.stdout, { path, exists: existsSync(path) });
      else writeLine(ctx.stdout, path);
      return EXIT.ok;
    }
    case 'validate':
      if (args.length > 1) expectArgs(args, ['[FILE]'], sub);
      return validate(ctx, values, args[0]);
    case 'schema':
      expectArgs(args, [], sub);
      writeJson(ctx.stdout, configJsonSchema());
      return EXIT.ok;
    default:
      throw usageError(`config needs a subcommand: ${SUBCOMMANDS.join(', ')}${sub === undefined ? '' : `; got '${sub}'`}`);
  }
};
