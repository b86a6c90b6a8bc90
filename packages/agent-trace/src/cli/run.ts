import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { AgentTraceError, EXIT } from '../errors.js';
import { defaultConfig, loadConfig } from '../config/config.js';
import { flagOverrides } from '../config/flag-overrides.js';
import { resolveDataDir } from '../config/data-dir.js';
import type { Store } from '../store/types.js';
import type { Command, CommandContext, OptionSpec } from './command.js';
import { COMMANDS, findCommand } from './commands/index.js';
import { renderCommandHelp, renderMainHelp } from './help.js';
import { VERSION } from '../version.js';

export interface CliIO {
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  stderr: Writable;
  isTTY: boolean;
  now?: () => Date;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: OptionSpec = {
  'data-dir': { type: 'string' },
  config: { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const parseCommandArgs = (command: Command, argv: string[]) => {
  try {
    return parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new AgentTraceError('usage', `${(err as Error).message}\nRun 'agent-trace ${command.name} --help' for usage.`);
  }
};

/** Runs one CLI invocation and returns its exit code. Never throws. */
export const runCli = async (argv: string[], io: CliIO): Promise<number> => {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const target = rest[0] ? findCommand(rest[0]) : undefined;
    io.stdout.write(target ? renderCommandHelp(target) : renderMainHelp(COMMANDS));
    return EXIT.ok;
  }
  const commandName = first === undefined || first.startsWith('-') ? 'welcome' : first;
  const command = findCommand(commandName);
  const commandArgv = first === undefined || first.startsWith('-') ? argv : rest;
  let store: Store | undefined;
  try {
    if (!command) {
      throw new AgentTraceError('usage', `unknown command '${commandName}'. Run 'agent-trace --help' for the list.`);
    }
    const { values, positionals } = parseCommandArgs(command, commandArgv);
    if (values['help']) {
      io.stdout.write(renderCommandHelp(command));
      return EXIT.ok;
    }
    if (!command.positionals && positionals.length > 0) {
      throw new AgentTraceError('usage', `unexpected argument '${positionals[0]}'. Run 'agent-trace ${command.name} --help' for usage.`);
    }
    const dataDir = resolveDataDir(values['data-dir'] as string | undefined, io.env);
    const config = command.readsOwnConfig
      ? defaultConfig()
      : await loadConfig(dataDir, values['config'] as string | undefined, { env: io.env, flags: flagOverrides(command.configFlags, values) });
    const color = io.isTTY && !values['no-color'] && !io.env['NO_COLOR'];
    const ctx: CommandContext = {
      env: io.env,
      stdout: io.stdout,
      stderr: io.stderr,
      isTTY: io.isTTY,
      color,
      dataDir,
      config,
      now: io.now ?? (() => new Date()),
      openStore: async () => {
        // Imported here: SQLite and the store code are not needed by --help or by a usage error.
        store ??= await (await import('../store/open.js')).openStore(dataDir, config);
        return store;
      },
    };
    return await command.run(ctx, values, positionals);
  } catch (err) {
    if (err instanceof AgentTraceError) {
      io.stderr.write(`agent-trace: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr.write(`agent-trace: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.internal;
  } finally {
    await store?.close();
  }
};
