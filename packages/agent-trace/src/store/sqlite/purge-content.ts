import type { Database, Statement } from 'better-sqlite3';
import type { PurgeContentResult } from '../types.js';
import { reclaimSpace, yieldToEventLoop } from './space.js';

/** The attribute prefix that holds content (pipeline/content-tiers.ts); the store knows it only as text. */
const CONTENT_PREFIX = 'content.';
const ROWS_PER_STEP = 2000;

type JsonObject = Record<string, unknown>;

const stripObject = (attrs: JsonObject): JsonObject => {
  const out: JsonObject = {};
  for (const key of Object.keys(attrs)) if (!key.startsWith(CONTENT_PREFIX)) out[key] = attrs[key];
  return out;
};

const stripAttributes = (json: string): string => JSON.stringify(stripObject(JSON.parse(json) as JsonObject));

const stripEvents = (json: string): string =>
  JSON.stringify((JSON.parse(json) as Array<{ attributes?: JsonObject }>).map((e) => (e.attributes ? { ...e, attributes: stripObject(e.attributes) } : e)));

/** Rows that hold a `content.` key, as a cheap text test before any JSON is parsed. */
const HAS_CONTENT = `instr(?, '"${CONTENT_PREFIX}') > 0`;
const hasContent = (column: string): string => HAS_CONTENT.replace('?', column);

/**
 * `agent-trace purge --content`: the store as if everything had been collected at tier 1. Rows are rewritten a
 * range of rowids at a time (one short transaction each, the event loop free between them) with secure_delete
 * on, then the file is rewritten (VACUUM) and the WAL checkpointed away, so no old text stays in the file. Titles go too: the agents draw
 * them from the prompts, and the store cannot tell a title the user typed from one drawn.
 */
export class ContentPurger {
  private readonly maxRowid: Record<'spans' | 'logs', Statement>;
  private readonly stripSpans: Statement;
  private readonly stripLogs: Statement;
  private readonly clearTitles: Statement;

  constructor(private readonly db: Database) {
    db.function('at_strip_content', { deterministic: true }, (json: unknown) => (typeof json === 'string' ? stripAttributes(json) : json));
    db.function('at_strip_content_events', { deterministic: true }, (json: unknown) => (typeof json === 'string' ? stripEvents(json) : json));
    this.maxRowid = {
      spans: db.prepare('SELECT coalesce(max(rowid), 0) FROM spans').pluck(),
      logs: db.prepare('SELECT coalesce(max(rowid), 0) FROM logs').pluck(),
    };
    this.stripSpans = db.prepare(
      `UPDATE spans SET attributes = at_strip_content(attributes), events = at_strip_content_events(events)
       WHERE rowid > ? AND rowid <= ? AND (${hasContent('attributes')} OR ${hasContent('events')})`,
    );
    this.stripLogs = db.prepare(`UPDATE logs SET fields = at_strip_content(fields) WHERE rowid > ? AND rowid <= ? AND ${hasContent('fields')}`);
    this.clearTitles = db.prepare('UPDATE sessions SET title = NULL WHERE title IS NOT NULL');
  }

  private async strip(table: 'spans' | 'logs', statement: Statement): Promise<number> {
    const last = this.maxRowid[table].get() as number;
    let changed = 0;
    for (let from = 0; from < last; from += ROWS_PER_STEP) {
      changed += this.db.transaction(() => statement.run(from, from + ROWS_PER_STEP).changes).immediate();
      await yieldToEventLoop();
    }
    return changed;
  }

  async purge(): Promise<PurgeContentResult> {
    const secureDelete = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      const spans = await this.strip('spans', this.stripSpans);
      const logs = await this.strip('logs', this.stripLogs);
      const sessions = this.clearTitles.run().changes;
      // Merges at ingest (a tool's start and end, a turn's prompt and stop) rewrote rows before secure_delete was on,
      // leaving older copies in the free space of pages that still hold other rows. Only rewriting the file drops
      // them; the conformance suite found a prompt there. VACUUM holds the write lock while it runs: purging content
      // is a rare, explicit act.
      this.db.exec('VACUUM');
      await reclaimSpace(this.db);
      return { spans, logs, sessions };
    } finally {
      this.db.pragma(`secure_delete = ${secureDelete}`);
    }
  }
}
