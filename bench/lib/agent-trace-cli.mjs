// The built agent-trace CLI (packages/agent-trace/dist), run as users run it.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchEnv } from './bench-env.mjs';

/** The installed binary (package.json bin): the one-file bundle of the CLI. */
export const cliPath = (repoRoot) => join(repoRoot, 'packages', 'agent-trace', 'dist', 'cli', 'agent-trace.cjs');

/**
 * Checks the CLI is built and has an `import` command; throws a message that says what to do.
 * @returns {{ path: string, version: string }}
 */
export const prepareAgentTrace = (repoRoot) => {
  const path = cliPath(repoRoot);
  if (!existsSync(path)) {
    throw new Error(`agent-trace CLI not built: ${path} is missing. Run 'npm run build' at the repository root first (or pass --ccusage-only to measure ccusage alone).`);
  }
  const help = spawnSync(process.execPath, [path, 'import', '--help'], { encoding: 'utf8' });
  if (help.status !== 0) {
    throw new Error(`'agent-trace import --help' failed (exit ${help.status}); the built CLI has no working import command:\n${help.stderr || help.stdout}`);
  }
  const v = spawnSync(process.execPath, [path, '--version'], { encoding: 'utf8' });
  return { path, version: v.stdout.trim() };
};

// Fixed environment so the runs do not pick up the user's config, zone or colours.
const env = (dataDir) => benchEnv({ TZ: 'UTC', NO_COLOR: '1', AGENT_TRACE_HOME: dataDir });

export const importCommand = (cli, corpusDir, dataDir) => ({
  command: process.execPath,
  args: [cli, 'import', '--path', join(corpusDir, 'projects'), '--json', '--data-dir', dataDir],
  env: env(dataDir),
});

export const reportDailyCommand = (cli, dataDir) => ({
  command: process.execPath,
  args: [cli, 'report', 'daily', '--json', '-z', 'UTC', '--data-dir', dataDir],
  env: env(dataDir),
});

/** Exit code of `import` when it finished but some files or lines could not be read (they are listed). */
export const IMPORT_PARTIAL = 5;

/** The `import --json` summary (filesScanned, filesRead, filesUnchanged, bytesRead, linesRead, sessions, spans, problems). */
export const importSummary = (label, stdout) => {
  try {
    return JSON.parse(stdout);
  } catch (err) {
    throw new Error(`${label}: 'import --json' did not print JSON (${err.message}); first bytes: ${stdout.slice(0, 300)}`);
  }
};

/** `agent-trace --version`: Node start-up and module loading alone, the floor under every command. */
export const versionCommand = (cli) => ({ command: process.execPath, args: [cli, '--version'], env: benchEnv({ NO_COLOR: '1' }) });
