import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AgentTraceError } from '../../errors.js';
import Database from './better-sqlite3.js';
import { applyMigrations, LATEST_VERSION, type Migration } from './migrations.js';
import { openDatabase } from './open-db.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-migrations-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('applyMigrations on a database that is already current', () => {
  it('needs no write lock: it returns at once while another connection writes', () => {
    const path = join(root, 'busy.db');
    openDatabase(path).close();
    const writer = new Database(path);
    const reader = new Database(path, { timeout: 0 });
    try {
      writer.exec('BEGIN IMMEDIATE');
      writer.exec('CREATE TABLE busy_marker (x INTEGER)');
      assert.equal(applyMigrations(reader, path), LATEST_VERSION);
      // A database that does need a migration still takes the lock (and here cannot get it).
      const next: Migration = { version: LATEST_VERSION + 1, name: 'next', sql: 'CREATE TABLE next_table (x INTEGER);' };
      assert.throws(() => applyMigrations(reader, path, [next]), /locked|busy/i);
      writer.exec('ROLLBACK');
      assert.equal(applyMigrations(reader, path, [next]), LATEST_VERSION + 1);
    } finally {
      writer.close();
      reader.close();
    }
  });

  it('still refuses a file from a newer agent-trace', () => {
    const path = join(root, 'newer.db');
    const db = new Database(path);
    try {
      db.pragma(`user_version = ${LATEST_VERSION + 3}`);
      assert.throws(
        () => applyMigrations(db, path),
        (err: unknown) => err instanceof AgentTraceError && err.kind === 'store' && /newer than this agent-trace supports/.test(err.message),
      );
    } finally {
      db.close();
    }
  });
});
