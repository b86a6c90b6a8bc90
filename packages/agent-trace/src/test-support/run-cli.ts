import { spawnSync } from 'node:child_process';
import { cliPath } from './paths.js';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would, in a fixed environment (UTC, no colour, an explicit data dir,
 * a HOME that holds nothing), so its output is reproducible.
 */
export const runBuiltCli = (args: readonly string[], env: Record<string, string> = {}, input?: string): CliResult => {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    input,
    env: {
      PATH: process.env['PATH'] ?? '',
      TZ: 'UTC',
      NO_COLOR: '1',
      LANG: 'C',
      COLUMNS: '120',
      ...env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
};
