import { createRequire } from 'node:module';
import Database, { type Statement } from 'better-sqlite3';

/**
 * better-sqlite3 with every native object pinned for the life of the process.
 *
 * From Node 24 on, `node::ObjectWrap` registers an environment clean-up hook for each wrapped object and its
 * destructor removes the hook through the isolate's *current* environment. When V8 finalises a better-sqlite3
 * Statement or Database in a garbage collection that runs with no environment entered, that lookup is null and
 * Node aborts the process (`RemoveEnvironmentCleanupHook … Assertion failed: (env) != nullptr`): seen here as
 * `serve` dying at start on Node 24.21 with better-sqlite3 12.11 (the last major that supports Node 20), and
 * reported upstream (WiseLibs/better-sqlite3#1515, closed without a fix). So no such object is ever left to the
 * garbage collector: statements and databases are held here, and Node's own environment teardown deletes them
 * at exit. Statements are prepared once and reused by the store, so this holds a bounded set; pragmas, which
 * better-sqlite3 prepares afresh on every call, go through one cached statement per pragma text.
 */
const PINNED = new Set<object>();

const require = createRequire(import.meta.url);
// The native handle behind a Database and its pragma-mode prepare (what `db.pragma` itself uses).
const { cppdb } = require('better-sqlite3/lib/util') as { cppdb: symbol };
type NativeDb = { prepare(source: string, db: Database.Database, pragmaMode: boolean): Statement };

const proto = Database.prototype as Database.Database & Record<symbol, NativeDb>;
const PATCHED = Symbol.for('agent-trace.better-sqlite3.pinned');

if (!(proto as unknown as Record<symbol, boolean>)[PATCHED]) {
  (proto as unknown as Record<symbol, boolean>)[PATCHED] = true;
  const prepare = proto.prepare;
  proto.prepare = function pinnedPrepare(this: Database.Database, source: string) {
    PINNED.add(this);
    const stmt = prepare.call(this, source);
    PINNED.add(stmt);
    return stmt;
  } as typeof proto.prepare;

  const pragmaCache = new WeakMap<object, Map<string, Statement>>();
  proto.pragma = function pinnedPragma(this: Database.Database & Record<symbol, NativeDb>, source: string, options?: { simple?: boolean }) {
    const simple = options?.simple === true;
    let cache = pragmaCache.get(this);
    if (!cache) pragmaCache.set(this, (cache = new Map()));
    const key = `${simple ? 's' : 'a'}:${source}`;
    let stmt = cache.get(key);
    if (!stmt) {
      PINNED.add(this);
      stmt = this[cppdb]!.prepare(`PRAGMA ${source}`, this, true);
      if (simple) stmt.pluck();
      PINNED.add(stmt);
      cache.set(key, stmt);
    }
    return simple ? stmt.get() : stmt.all();
  } as typeof proto.pragma;

  const close = proto.close;
  proto.close = function pinnedClose(this: Database.Database) {
    PINNED.add(this);
    return close.call(this);
  } as typeof proto.close;
}

export default Database;
export type { Statement };
