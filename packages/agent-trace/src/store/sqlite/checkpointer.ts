import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/**
 * The writer connection checkpoints the WAL itself by default (wal_autocheckpoint, every 1000 pages), inside the
 * COMMIT of whichever write crosses the line: copying ~4 MB of pages back into the database file and two fsyncs,
 * on the thread that must answer requests. Measured on 2 cores: a third of OTLP ingest's store time
 * (~460 of ~1460 ms for 102,400 spans in 2,048-span commits) and ~190 of ~1,090 ms of a 56k-span import.
 *
 * So once a store writes enough to need checkpoints at all (its WAL file reaches START_BYTES, the size at which
 * the first automatic one runs), a worker thread with its own connection takes them over: each commit bumps a
 * shared counter and the worker runs a PASSIVE checkpoint whenever it has moved (requests made while one runs
 * are served by one more pass). The writer keeps an automatic checkpoint only as a backstop, at BACKSTOP_PAGES,
 * should the worker lag. Durability is unchanged: a commit is durable once in the WAL, whoever copies it later.
 */
const START_BYTES = 1000 * 4096;
const BACKSTOP_PAGES = 10_000;
const DEFAULT_PAGES = 1000;

/** Slots of the shared state: the request counter the worker waits on, and the close flag. */
const REQUESTS = 0;
const CLOSE = 1;

/**
 * The worker's code: its own connection to the store file, which copies committed WAL frames into the database
 * file whenever the request counter moved since its last pass. It waits on the shared counter rather than on
 * messages, so requests arrive even while the writer's thread never returns to its event loop (a loop of awaited
 * writes settles in microtasks). Plain CommonJS run with `eval`, so it is the same in the sources (tsx, whose
 * loader hooks do not reach a worker's entry module on Node 20) and in dist. Every statement is prepared once
 * and held for the worker's life (see better-sqlite3.ts for why none may be left to the garbage collector).
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const state = new Int32Array(workerData.state);
const db = new Database(workerData.path, { fileMustExist: true });
// The writer's sync rule: the WAL is synced before frames are copied, the database file after.
const held = [db.prepare('PRAGMA synchronous = NORMAL'), db.prepare('PRAGMA wal_autocheckpoint = 0')];
for (const s of held) s.run();
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let seen = 0;
for (;;) {
  Atomics.wait(state, ${REQUESTS}, seen);
  if (Atomics.load(state, ${CLOSE}) === 1) break;
  seen = Atomics.load(state, ${REQUESTS});
  try {
    checkpoint.all();
  } catch {
    // Busy or failing: the next request tries again, and the writer's backstop still applies.
  }
}
db.close();
`;

export class BackgroundCheckpointer {
  private worker: Worker | null = null;
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  private closing: Promise<void> | null = null;
  private failed = false;

  constructor(
    private readonly db: Database,
    private readonly path: string,
    private readonly startBytes = START_BYTES,
  ) {}

  /** Whether the worker has taken over the checkpoints. */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Called after each committed write transaction. */
  committed(): void {
    if (this.closing || this.failed) return;
    if (!this.worker) {
      if (!this.walAtLeast(this.startBytes)) return;
      this.start();
      if (!this.worker) return;
    }
    Atomics.add(this.state, REQUESTS, 1);
    Atomics.notify(this.state, REQUESTS);
  }

  private walAtLeast(bytes: number): boolean {
    try {
      return statSync(`${this.path}-wal`).size >= bytes;
    } catch {
      return false;
    }
  }

  private start(): void {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { path: this.path, state: this.state.buffer, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
    } catch {
      // No thread to be had: the writer goes on checkpointing for itself, as SQLite does by default.
      this.failed = true;
      return;
    }
    // Never keeps a process alive: a store left open at exit behaves as before (SQLite recovers the WAL).
    worker.unref();
    worker.on('error', () => this.fallBack());
    worker.on('exit', () => {
      if (!this.closing) this.fallBack();
    });
    this.worker = worker;
    this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  }

  /** The worker is gone: the writer checkpoints for itself again, as it does by default. */
  private fallBack(): void {
    this.failed = true;
    this.worker = null;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
  }

  /** Stops the worker and closes its connection, so the writer's close is the last one (and removes the WAL). */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    const worker = this.worker;
    this.closing = worker
      ? new Promise<void>((resolve) => {
          // Held open until the worker has closed its connection, or a closing CLI could exit first.
          worker.ref();
          worker.once('exit', () => resolve());
          Atomics.store(this.state, CLOSE, 1);
          Atomics.add(this.state, REQUESTS, 1);
          Atomics.notify(this.state, REQUESTS);
        })
      : Promise.resolve();
    return this.closing;
  }
}
