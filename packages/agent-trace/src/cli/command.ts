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

export interface Command {
  name: string;
  summary: string;
  /** Usage lines shown by `--help`, after `agent-trace `. */
  usage: string;
  /** Extra help text: option descriptions, examples. */
  help: string;
  options: OptionSpec;
  /** Whether extra positional arguments are accepted. */
  positionals?: boolean;
  run(ctx: CommandContext, values: ParsedValues, positionals: string[]): Promise<number>;
}
