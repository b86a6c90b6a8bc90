import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from './paths.js';

const SNAPSHOT_DIR = join(packageRoot, 'snapshots');

/**
 * Compares a value with its committed snapshot (`packages/agent-trace/snapshots/<name>`).
 * `UPDATE_SNAPSHOTS=1` rewrites it; a missing snapshot is written locally but fails under CI,
 * so a contract can never silently start from nothing.
 */
export const expectSnapshot = (name: string, actual: string): void => {
  const file = join(SNAPSHOT_DIR, name);
  if (process.env['UPDATE_SNAPSHOTS'] === '1' || (!existsSync(file) && !process.env['CI'])) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `snapshot ${name} is missing; run the tests with UPDATE_SNAPSHOTS=1 and commit it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from snapshot ${name} (UPDATE_SNAPSHOTS=1 to accept a deliberate change)`);
};
