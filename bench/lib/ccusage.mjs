// The ccusage native binary, the baseline we compare against.
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { benchEnv } from './bench-env.mjs';

const PACKAGED = join('node_modules', '@ccusage', 'ccusage-linux-x64', 'bin', 'ccusage');

/**
 * Copies the binary out of node_modules (npm installs it without the exec bit) into bench/.work.
 * @returns {{ path: string, version: string }}
 */
export const prepareCcusage = (repoRoot, workDir) => {
  const source = join(repoRoot, PACKAGED);
  if (!existsSync(source)) {
    throw new Error(`ccusage binary not found at ${source}. Run 'npm install' at the repository root (it is an optional dependency, linux-x64 only).`);
  }
  const target = join(workDir, 'ccusage');
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  chmodSync(target, 0o755);
  const v = spawnSync(target, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) throw new Error(`${target} --version failed: ${v.stderr}`);
  return { path: target, version: v.stdout.trim() };
};

/** `ccusage claude daily --json` on a Claude config dir, with UTC days and the embedded price table. */
export const ccusageDaily = (binary, corpusDir) => ({
  command: binary,
  args: ['claude', 'daily', '--json', '--offline', '-z', 'UTC'],
  env: benchEnv({ LOG_LEVEL: '0', CLAUDE_CONFIG_DIR: corpusDir, NO_COLOR: '1' }),
});
