import type { Writable } from 'node:stream';
import type { ParseArgsConfig } from 'node:util';
import type { Store } from '../store/types.js';
import type { Config } from '../config/config.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Everything a command may touch, passed in so that tests can run commands in-process. */
export interface CommandContext {
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  stderr: Writable;
  /** True when stdout is a terminal: tables, colours and progress bars. */
  isTTY: boolean;
  color: boolean;
  dataDir: string;
  config: Config;
  now: () => Date;
  openStore: () => Promise<Store>;
}

/** What `--help` and argument parsing need of a command: known without loading its implementation. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** Usage lines shown by `--help`, after `agent-trace `. */
  usage: string;
  /** Extra help text: option descriptions, examples. */
  help: string;
  options: OptionSpec;
  /** Whether extra positional arguments are accepted. */
  positionals?: boolean;
  /**
   * Options that set a config key (option name → dotted key, e.g. `{ port: 'server.port' }`): they win over
   * `AGENT_TRACE_*` and the file (flag > env > file > default), and ctx.config holds the result.
   */
  configFlags?: Readonly<Record<string, string>>;
  /**
   * The command reads the configuration itself (`config`: it must work on an invalid file, to show, fix and
   * validate it); ctx.config then holds the defaults.
   */
  readsOwnConfig?: boolean;
}

export type CommandRun = (ctx: CommandContext, values: ParsedValues, positionals: string[]) => Promise<number>;

export interface Command extends CommandSpec {
  run: CommandRun;
}

/**
 * A command whose implementation is imported only when it runs, so that the registry (and with it `--help`,
 * `--version` and every other command) loads nothing of it: with each command's code imported up front, a
 * bare start-up took 373 ms against 90 ms for `node -e 0` on the bench machine (SQLite, the parser, the
 * query layer and zod all loaded for `--version`).
 */
export const lazyCommand = (spec: CommandSpec & { load: () => Promise<CommandRun> }): Command => {
  const { load, ...rest } = spec;
  return { ...rest, run: async (ctx, values, positionals) => (await load())(ctx, values, positionals) };
};
