import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { usageError } from '../errors.js';
import { locateJsonError } from '../util/json-syntax-error.js';
import { detectJsonStyle, type JsonFileStyle } from './json-file-style.js';

export interface SettingsFile {
  path: string;
  exists: boolean;
  text: string;
  settings: Record<string, unknown>;
  style: JsonFileStyle;
}

/** Reads a JSON settings file; a missing file is an empty object. A malformed one is an error naming the position. */
export const readSettingsFile = (path: string): SettingsFile => {
  if (!existsSync(path)) return { path, exists: false, text: '', settings: {}, style: { indent: 2, finalNewline: true } };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw usageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  if (text.trim() === '') parsed = {};
  else {
    try {
      parsed = JSON.parse(text);
    } catch {
      const at = locateJsonError(text);
      throw usageError(`${path} is not valid JSON${at ? `: ${at.message} at line ${at.line} column ${at.column}` : ''}. Nothing was written.`);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw usageError(`${path} must hold a JSON object at the top level. Nothing was written.`);
  }
  return { path, exists: true, text, settings: parsed as Record<string, unknown>, style: detectJsonStyle(text) };
};

/** `settings.json.20261121T235959Z.bak`: sorts by time, never overwrites an earlier backup in another second. */
export const backupPathOf = (path: string, now: Date): string => `${path}.${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.bak`;

/**
 * Writes the new text: the original is copied to a timestamped backup first, then the new text goes to a
 * temporary file beside it that is renamed over the original, so a crash never leaves half a settings file.
 * Returns the backup's path (null when there was no original).
 */
export const writeSettingsFile = (file: SettingsFile, text: string, now: Date): string | null => {
  mkdirSync(dirname(file.path), { recursive: true });
  let backup: string | null = null;
  let mode = 0o600;
  if (file.exists) {
    mode = statSync(file.path).mode & 0o777;
    backup = backupPathOf(file.path, now);
    copyFileSync(file.path, backup);
  }
  const temp = `${file.path}.agent-trace-${process.pid}.tmp`;
  writeFileSync(temp, text, { mode });
  renameSync(temp, file.path);
  return backup;
};
