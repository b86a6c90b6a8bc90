import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { filesFromPaths, findJsonlFiles, isDirectory } from '../find-jsonl.js';
import type { DiscoverOptions, Discovery, TranscriptProblem } from '../types.js';

/**
 * Config roots: `$CLAUDE_CONFIG_DIR` (a comma-separated list) when set, else `~/.config/claude`
 * and `~/.claude` (what ccusage searches). Only roots holding a `projects/` folder are used.
 */
export const claudeConfigRoots = (env: DiscoverOptions['env'], home: string): string[] => {
  const fromEnv = env['CLAUDE_CONFIG_DIR'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return fromEnv
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p) => resolve(p));
  }
  return [join(home, '.config', 'claude'), join(home, '.claude')];
};

/** `projects/**\/*.jsonl` under each root (sub-agent files included), or the explicit paths when given. */
export const discoverClaudeFiles = async (options: DiscoverOptions): Promise<Discovery> => {
  const problems: TranscriptProblem[] = [];
  if (options.paths && options.paths.length > 0) {
    const files = await filesFromPaths(options.paths.map((p) => resolve(p)), problems);
    return { files: unique(files), searched: options.paths.map((p) => resolve(p)), problems };
  }
  const roots = claudeConfigRoots(options.env, options.home);
  const files: string[] = [];
  const seenRoots = new Set<string>();
  for (const root of roots) {
    const projects = join(root, 'projects');
    if (!(await isDirectory(projects))) continue;
    // ~/.claude is sometimes a link to ~/.config/claude: read each real folder once.
    const real = await realpath(projects).catch(() => projects);
    if (seenRoots.has(real)) continue;
    seenRoots.add(real);
    await findJsonlFiles(projects, files, problems);
  }
  return { files: unique(files), searched: roots.map((r) => join(r, 'projects')), problems };
};

const unique = (files: string[]): string[] => [...new Set(files)].sort();

/**
 * The session a file belongs to when its lines do not say: `<project>/<session>.jsonl` → session;
 * `<project>/<session>/subagents/agent-<id>.jsonl` → the parent session (as ccusage derives it).
 */
export const sessionIdFromPath = (file: string): string => {
  const name = basename(file, '.jsonl');
  const parent = dirname(file);
  if (basename(parent) === 'subagents') return basename(dirname(parent));
  return name;
};

/** The agent id of a sub-agent file (`.../subagents/agent-<agentId>.jsonl`), else null. */
export const agentIdFromPath = (file: string): string | null => {
  const name = basename(file, '.jsonl');
  if (!name.startsWith('agent-') || !dirname(file).endsWith(`${sep}subagents`)) return null;
  return name.slice('agent-'.length);
};
