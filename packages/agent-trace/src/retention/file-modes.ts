import { readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';

const statOrNull = (path: string): Stats | null => {
  try {
    return statSync(path);
  } catch {
    return null;
  }
};

/** Bits that let anyone but the owner in. */
const GROUP_OR_OTHER = 0o077;

/**
 * The data dir should be 0700 and every file in it (store, WAL, spool, dead letters, salt, logs, config) 0600.
 * Returns one warning per path that is looser; nothing is changed (the user may have reasons, e.g. a shared
 * group), the warning says how to fix it.
 */
export const looseModes = (dataDir: string): string[] => {
  const warnings: string[] = [];
  const check = (path: string, stats: Stats, want: number): void => {
    const mode = stats.mode & 0o777;
    if (mode & GROUP_OR_OTHER) warnings.push(`${path} is mode ${mode.toString(8).padStart(4, '0')}, readable by others; run: chmod ${want.toString(8)} '${path}'`);
  };
  const walk = (dir: string, depth: number): void => {
    const stats = statOrNull(dir);
    if (!stats?.isDirectory()) return;
    check(dir, stats, 0o700);
    if (depth > 1) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const entry = statOrNull(path);
      if (!entry) continue;
      if (entry.isDirectory()) walk(path, depth + 1);
      else if (entry.isFile()) check(path, entry, 0o600);
    }
  };
  walk(dataDir, 0);
  return warnings;
};
