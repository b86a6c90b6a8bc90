import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { nanoToIso } from '@agent-trace/schema';
import { STORE_FILE } from '../../config/data-dir.js';
import { usageError } from '../../errors.js';
import { collectorUrl } from '../../ingest/hooks/client/collector-url.js';
import { probeReady } from '../../ingest/hooks/client/probe-ready.js';
import { lastSeenBySource } from '../../live/last-seen.js';
import { readSpoolStats } from '../../spool/spool-stats.js';
import { spoolPaths } from '../../spool/spool-paths.js';
import { flag, str } from '../args.js';
import type { CommandRun } from '../command.js';
import { STATUS_EXIT } from './status.js';
import { formatBytes, formatInt, paint, writeJson } from '../output.js';


const PROBE_TIMEOUT_MS = 500;

export const runStatus: CommandRun = async (ctx, values) => {
  let url: URL;
  try {
    url = collectorUrl(ctx.env, str(values, 'url'));
  } catch (err) {
    throw usageError(`--url: ${(err as Error).message}`);
  }
  const [probe, spool] = await Promise.all([probeReady(url, PROBE_TIMEOUT_MS), readSpoolStats(ctx.dataDir)]);
  const storeExists = existsSync(join(ctx.dataDir, STORE_FILE));
  const store = storeExists ? await ctx.openStore() : null;
  const stats = store ? await store.stats() : null;
  const lastSeen = store ? await lastSeenBySource(store) : [];
  const code = !probe.up ? STATUS_EXIT.collectorDown : spool.pending.lines > 0 ? STATUS_EXIT.spoolBacklog : STATUS_EXIT.healthy;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');

  if (flag(values, 'json')) {
    writeJson(ctx.stdout, {
      healthy: code === STATUS_EXIT.healthy,
      exitCode: code,
      collector: { url: url.href, port: Number(port), up: probe.up, status: probe.status, error: probe.error, details: probe.details },
      spool: { path: spoolPaths(ctx.dataDir).spool, events: spool.pending.lines, bytes: spool.pending.bytes },
      deadLetters: { path: spoolPaths(ctx.dataDir).deadLetter, count: spool.deadLetters.lines, bytes: spool.deadLetters.bytes },
      store: stats
        ? { backend: stats.backend, location: stats.location, sizeBytes: stats.sizeBytes, sessions: stats.sessions, spans: stats.spans, logs: stats.logs }
        : null,
      lastSeen: lastSeen.map((l) => ({ source: l.source, time: l.lastNs === null ? null : nanoToIso(l.lastNs), sessionId: l.sessionId })),
    });
    return code;
  }
  const ok = (text: string): string => paint(ctx.color, 'green', text);
  const bad = (text: string): string => paint(ctx.color, 'red', text);
  const out = ctx.stdout;
  out.write(`Collector    ${probe.up ? ok('up') : bad('down')}  ${url.href} (HTTP port ${port})${probe.error ? `  ${probe.error}` : ''}\n`);
  if (probe.up && probe.details !== null) out.write(`             ${JSON.stringify(probe.details)}\n`);
  out.write(`Spool        ${formatInt(spool.pending.lines)} event(s), ${formatBytes(spool.pending.bytes)}${spool.pending.lines > 0 ? '  (sent when the collector starts)' : ''}\n`);
  out.write(`Dead letters ${formatInt(spool.deadLetters.lines)}${spool.deadLetters.lines > 0 ? `  ${spoolPaths(ctx.dataDir).deadLetter}` : ''}\n`);
  if (stats) {
    out.write(`Store        ${stats.backend} ${stats.location}, ${formatBytes(stats.sizeBytes)}, ${formatInt(stats.sessions)} sessions, ${formatInt(stats.spans)} spans\n`);
    out.write('Last seen    (newest span per source in the latest sessions)\n');
    for (const l of lastSeen) out.write(`  ${l.source.padEnd(11)} ${l.lastNs === null ? '—' : nanoToIso(l.lastNs).replace('T', ' ').slice(0, 19)}\n`);
  } else {
    out.write(`Store        none yet in ${ctx.dataDir}\n`);
  }
  if (code === STATUS_EXIT.collectorDown) out.write(`\nStart it with 'agent-trace serve'. Hook events are kept in the spool meanwhile.\n`);
  return code;
};
