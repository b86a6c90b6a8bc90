import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const tryCreate = (path: string): boolean => {
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, String(process.pid));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
};

/**
 * One drainer at a time (a collector draining at start-up while `agent-trace status --drain` or a second
 * collector tries too). The lock file holds the owner's pid; a lock whose owner is gone is taken over.
 * Returns a release function, or null when a live process holds the lock.
 */
export const acquireSpoolLock = (path: string): (() => void) | null => {
  if (!tryCreate(path)) {
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(path, 'utf8').trim());
    } catch {
      // Removed between our attempt and this read: try once more below.
    }
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) return null;
    try {
      unlinkSync(path);
    } catch {
      // Someone else took it over first; tryCreate decides.
    }
    if (!tryCreate(path)) return null;
  }
  return () => {
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  };
};
