import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from './config-error.js';
import { parseConfigText } from './config-file.js';
import { dottedPath } from './object-path.js';
import { resolveConfig } from './resolve-config.js';

const problemsOf = (path: string, text: string): readonly string[] => {
  try {
    resolveConfig({ file: parseConfigText(path, text), env: {} });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

/**
 * Sets one key in a config file, in place: comments, key order and every other key are kept (YAML's
 * Document API). The edit must bring no problem of its own (environment overrides aside) before anything is
 * written; problems the file already had elsewhere do not block it (a file can be fixed key by key): they are
 * returned.
 * A missing file is created 0600 (its folder 0700).
 */
export const setConfigValue = (path: string, keyPath: readonly string[], value: unknown): readonly string[] => {
  const exists = existsSync(path);
  const before = exists ? readFileSync(path, 'utf8') : '';
  const doc = parseDocument(before);
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => `${path}: not valid YAML, not edited: ${e.message.split('\n')[0] ?? ''}`));
  }
  doc.setIn(keyPath, value);
  const after = doc.toString();
  // A problem is the edit's when it is about the key set, or about a key that had none before (a price
  // entry the edit started but did not complete). Compared by key, as the lines move with the edit.
  const key = dottedPath(keyPath);
  const keyOf = (problem: string): string => problem.slice(0, problem.indexOf(': '));
  const earlier = new Set((exists ? problemsOf(path, before) : []).map(keyOf));
  const problems = problemsOf(path, after);
  const own = problems.filter((p) => keyOf(p) === key || keyOf(p).startsWith(`${key}.`) || !earlier.has(keyOf(p)));
  if (own.length > 0) throw new ConfigError(own, `${path} not changed: the edit would make it invalid`);
  if (exists) {
    // Written in place rather than renamed over, so that a config file that is a symlink (dotfile managers) stays one.
    writeFileSync(path, after);
  } else {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, after, { mode: 0o600, flag: 'wx' });
  }
  return problems;
};
