import { readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { changedKeys, needsRestart } from './config-diff.js';
import { parseConfigText } from './config-file.js';
import { configJsonSchema } from './config-json-schema.js';
import { listConfigKeys } from './config-keys.js';
import type { Config } from './config-schema.js';
import { resolveConfig, type FlagValue } from './resolve-config.js';

export interface ConfigChange {
  /** The new effective configuration (file, then the same env and flags as at start). */
  config: Config;
  /** Leaf keys whose values changed. */
  changed: string[];
  /** The changed keys a running server cannot apply (listeners, store): log them as needing a restart. */
  needsRestart: string[];
}

export interface WatchConfigOptions {
  path: string;
  env: NodeJS.ProcessEnv;
  flags?: readonly FlagValue[];
  /** The configuration in force now. */
  current: Config;
  /** A valid edit. If it throws, the change is not taken (onError is told) and the old config stays. */
  onChange: (change: ConfigChange) => void;
  /** An invalid edit (a ConfigError listing every problem) or an unreadable file; the old config stays. */
  onError: (err: Error) => void;
  /** Quiet time after the last event before the file is read: editors write in several steps. */
  debounceMs?: number;
  /** Interval of the stat check that backs up fs.watch (which misses events on some file systems and mounts). */
  pollMs?: number;
}

export interface ConfigWatcher {
  /** The configuration in force: the last valid one. */
  current: () => Config;
  close: () => void;
}

const signature = (path: string): string => {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return 'missing';
  }
};

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
};

/**
 * Watches the config file (fs.watch on its folder, so that editors' save-by-rename is seen, plus a periodic
 * stat) and, after a quiet `debounceMs`, loads and validates it with the same env and flags as at start. A
 * valid edit calls onChange; a bad one calls onError and the old configuration stays in force. A deleted
 * file means the defaults (plus env and flags), as at start-up.
 */
export const watchConfig = (options: WatchConfigOptions): ConfigWatcher => {
  const { path, env, flags = [], onChange, onError, debounceMs = 200, pollMs = 2000 } = options;
  const keys = listConfigKeys(configJsonSchema());
  let current = options.current;
  let lastSignature = signature(path);
  let lastText = readText(path);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const check = (): void => {
    timer = undefined;
    if (closed) return;
    // The text decides, not the stat: two saves within one timestamp tick can share size and mtime.
    lastSignature = signature(path);
    let next: Config;
    try {
      const text = readText(path);
      if (text === lastText) return;
      lastText = text;
      next = resolveConfig({ file: text === null ? null : parseConfigText(path, text), env, flags }).config;
    } catch (err) {
      onError(err as Error);
      return;
    }
    const changed = changedKeys(keys, current, next);
    if (changed.length === 0) return;
    try {
      onChange({ config: next, changed, needsRestart: changed.filter(needsRestart) });
      current = next;
    } catch (err) {
      onError(err as Error);
    }
  };
  const schedule = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(check, debounceMs);
    timer.unref();
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, name) => {
      if (name === null || name.toString() === basename(path)) schedule();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // No fs.watch here (a missing folder, an exhausted inotify limit): the periodic stat still sees changes.
    watcher = undefined;
  }
  const poll = setInterval(() => {
    if (timer === undefined && signature(path) !== lastSignature) schedule();
  }, pollMs);
  poll.unref();

  return {
    current: () => current,
    close: () => {
      closed = true;
      clearTimeout(timer);
      clearInterval(poll);
      watcher?.close();
    },
  };
};
