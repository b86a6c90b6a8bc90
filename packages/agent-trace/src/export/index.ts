import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Session, SessionId, Span } from '@agent-trace/schema';
import type { SessionQuery, Store } from '../store/types.js';
import { csvHeader, csvRows } from './csv.js';
import { jsonlLines } from './jsonl.js';
import { otlpJsonLine } from './otlp-json.js';

export const EXPORT_FORMATS = ['otlp-json', 'jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where the bytes go: a function that takes a chunk and resolves when it may take the next (backpressure). */
export type ExportSink = (chunk: string) => Promise<void>;

export interface ExportOptions {
  store: Store;
  format: ExportFormat;
  /** These sessions, in this order; when absent, every session that `filter` matches, oldest first. */
  sessionIds?: readonly SessionId[];
  filter?: SessionQuery;
  /** The version written as the OTLP instrumentation scope's. */
  version: string;
  sink: ExportSink;
}

export interface ExportSummary {
  sessions: number;
  spans: number;
  bytes: number;
}

/** Sessions read per store query when exporting by filter. */
const PAGE = 200;

const formatSession = (format: ExportFormat, session: Session, spans: readonly Span[], version: string): string => {
  switch (format) {
    case 'otlp-json':
      return otlpJsonLine(session, spans, version);
    case 'jsonl':
      return jsonlLines(session, spans);
    case 'csv':
      return csvRows(session, spans);
  }
};

async function* selectSessions(store: Store, options: ExportOptions): AsyncGenerator<Session> {
  if (options.sessionIds) {
    for (const id of options.sessionIds) {
      const session = await store.getSession(id);
      if (session) yield session;
    }
    return;
  }
  const seen = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listSessions({ ...options.filter, sort: 'start', order: 'asc', limit: PAGE, offset });
    for (const session of page) {
      if (seen.has(session.id)) continue;
      seen.add(session.id);
      yield session;
    }
    if (page.length < PAGE) return;
  }
}

/**
 * Writes sessions and their spans in one format, a session at a time, so memory holds one session's spans.
 * Everything exported was redacted when it was stored (redaction runs before any write), and nothing is added
 * here beyond what the store holds.
 */
export const exportSessions = async (options: ExportOptions): Promise<ExportSummary> => {
  const summary: ExportSummary = { sessions: 0, spans: 0, bytes: 0 };
  const write = async (chunk: string): Promise<void> => {
    if (chunk.length === 0) return;
    summary.bytes += Buffer.byteLength(chunk);
    await options.sink(chunk);
  };
  if (options.format === 'csv') await write(csvHeader());
  for await (const session of selectSessions(options.store, options)) {
    const spans = await options.store.getSpans(session.id);
    await write(formatSession(options.format, session, spans, options.version));
    summary.sessions++;
    summary.spans += spans.length;
  }
  return summary;
};

/**
 * A sink onto a stream, waiting for 'drain' when the stream's buffer is full. (The CLI ends the process quietly when
 * a reader closes its stdout early: see cli/main.ts.)
 */
export const streamSink =
  (out: Writable): ExportSink =>
  (chunk) =>
    new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      out.once('error', onError);
      const done = (): void => {
        out.off('error', onError);
        resolve();
      };
      if (out.write(chunk)) done();
      else out.once('drain', done);
    });

/**
 * A file written as `<path>.partial` (mode 0600, like every file agent-trace writes) and renamed over `path` once
 * complete, so an interrupted export never leaves a truncated file in place of a good one.
 */
export const fileSink = (path: string): { sink: ExportSink; commit: () => void; abort: () => void } => {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w', 0o600);
  // openSync's mode applies only to a new file; a leftover .partial keeps its own until this.
  fchmodSync(fd, 0o600);
  let open = true;
  const close = (): void => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    sink: async (chunk) => {
      writeSync(fd, chunk);
    },
    commit: () => {
      fsyncSync(fd);
      close();
      renameSync(partial, path);
    },
    abort: () => {
      close();
      rmSync(partial, { force: true });
    },
  };
};
