import type { Command } from '../command.js';
import { configCommand } from './config.js';
import { exportCommand } from './export.js';
import { hookCommand } from './hook.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { pruneCommand } from './prune.js';
import { purgeCommand } from './purge.js';
import { reportCommand } from './report.js';
import { serveCommand } from './serve.js';
import { sessionsCommand } from './sessions.js';
import { showCommand } from './show.js';
import { statsCommand } from './stats.js';
import { statusCommand } from './status.js';
import { tailCommand } from './tail.js';
import { welcomeCommand } from './welcome.js';

/**
 * Every command, in the order `--help` lists them. One file per command, holding its name, help and options;
 * a command with more than a few lines of code keeps them in `<name>-run.ts`, loaded through `lazyCommand`
 * when it runs, so that this list stays cheap to import.
 */
export const COMMANDS: readonly Command[] = [
  initCommand,
  serveCommand,
  importCommand,
  reportCommand,
  sessionsCommand,
  showCommand,
  statsCommand,
  statusCommand,
  exportCommand,
  tailCommand,
  pruneCommand,
  purgeCommand,
  configCommand,
  hookCommand,
  welcomeCommand,
];

export const findCommand = (name: string): Command | undefined => COMMANDS.find((c) => c.name === name);
