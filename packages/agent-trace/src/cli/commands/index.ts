import type { Command } from '../command.js';
import { importCommand } from './import.js';
import { reportCommand } from './report.js';
import { sessionsCommand } from './sessions.js';
import { showCommand } from './show.js';
import { statsCommand } from './stats.js';
import { welcomeCommand } from './welcome.js';

/** Every command, in the order `--help` lists them. One file per command. */
export const COMMANDS: readonly Command[] = [importCommand, reportCommand, sessionsCommand, showCommand, statsCommand, welcomeCommand];

export const findCommand = (name: string): Command | undefined => COMMANDS.find((c) => c.name === name);
