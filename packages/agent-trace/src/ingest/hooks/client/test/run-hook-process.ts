import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot, repoRoot } from '../../../../test-support/paths.js';

export interface HookProcessResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The hook entry, run from sources through tsx (main.ts does not route `hook` to it yet). */
export const HOOK_ENTRY = join(packageRoot, 'src', 'cli', 'hook-entry.ts');

/**
 * Runs `agent-trace hook` as Claude Code does: a child process with the payload on stdin. Asynchronous, so a
 * collector in this test process keeps answering. A safety kill after `killAfterMs` turns a hang into a failure
 * (status null) instead of a stuck test run.
 */
export const runHookProcess = (input: string, env: Record<string, string>, killAfterMs = 20_000): Promise<HookProcessResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HOOK_ENTRY], {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(killer);
      resolve({ status, signal, stdout, stderr });
    });
    child.stdin.end(input);
  });
