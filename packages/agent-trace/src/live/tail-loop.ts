import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { nanoToIso } from '@agent-trace/schema';
import { durationMs, spanToJson } from '../query/span-json.js';
import type { Store } from '../store/types.js';
import { changeTimeNs, SpanWatcher, type SpanChange, type WatchFilter } from './span-watcher.js';

export interface TailOptions {
  filter: WatchFilter;
  json: boolean;
  intervalMs: number;
  /** When the watch starts, in ns since the epoch. */
  sinceNs: bigint;
  signal: AbortSignal;
}

const describeEnd = (c: SpanChange): string => {
  const ms = durationMs(c.span);
  const took = ms === null ? '' : ms < 1000 ? ` ${Math.round(ms)}ms` : ` ${(ms / 1000).toFixed(1)}s`;
  const status = c.span.status === 'unset' ? 'ended' : c.span.status;
  return `${status}${c.span.statusMessage ? ` (${c.span.statusMessage})` : ''}${took}`;
};

export const formatChange = (c: SpanChange): string => {
  const time = nanoToIso(changeTimeNs(c)).slice(11, 23);
  const what = c.kind === 'start' ? 'started' : c.kind === 'end' ? describeEnd(c) : `updated, ${c.span.status}`;
  return `${time}  ${c.span.sessionId.slice(0, 8)}  ${c.span.type.padEnd(10)}  ${c.span.name}  ${what}  [${c.span.source}]`;
};

/**
 * Polls the store until the signal aborts, writing each new or changed span as a line (or a JSON line).
 * Polling a WAL-mode SQLite file is cheap and needs nothing from the collector, so `tail` works on a store fed
 * by a collector in another process, by `import`, or by both.
 */
export const runTail = async (store: Store, out: Writable, opts: TailOptions): Promise<void> => {
  const watcher = new SpanWatcher(store, opts.filter, opts.sinceNs);
  while (!opts.signal.aborted) {
    for (const change of await watcher.poll()) {
      out.write(opts.json ? `${JSON.stringify({ change: change.kind, span: spanToJson(change.span) })}\n` : `${formatChange(change)}\n`);
    }
    try {
      await sleep(opts.intervalMs, undefined, { signal: opts.signal });
    } catch {
      return;
    }
  }
};
