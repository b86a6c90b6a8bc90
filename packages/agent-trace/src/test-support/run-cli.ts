import { spawn, spawnSync } from 'node:child_process';
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

/**
 * Runs the built CLI with a stdout whose reader has gone (`agent-trace … | head`): the pipe is closed before the
 * CLI starts, so its first write meets EPIPE. Resolves with the exit code and what it wrote to stderr.
 */
export const runBuiltCliWithClosedStdout = async (args: readonly string[]): Promise<{ status: number | null; stderr: string }> => {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { status, stderr };
};
