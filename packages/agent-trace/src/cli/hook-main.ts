import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../config/data-dir.js';
import { collectorUrl } from '../ingest/hooks/client/collector-url.js';
import { DEFAULT_DEADLINE_MS, runHook } from '../ingest/hooks/client/run-hook.js';

/** The process start, in ns since the epoch (microsecond precision): the closest we know to the event's time. */
const processStartNs = (): bigint => BigInt(Math.round(performance.timeOrigin * 1000)) * 1000n;

/**
 * `agent-trace hook`, the fast path: the agent runs it on every hook event, so it loads only node built-ins and
 * the few modules of the hook client (no SQLite, no zod, no other commands). main.ts routes to it before the
 * rest of the CLI loads. Always exits 0 with nothing on stdout, whatever happens; a hard timer ends the
 * process if something below ever hangs past the deadline.
 */
export const runHookMain = async (argv: readonly string[], env: NodeJS.ProcessEnv, stdin: Readable | number): Promise<0> => {
  const hardStop = setTimeout(() => process.exit(0), DEFAULT_DEADLINE_MS + 250);
  hardStop.unref();
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { 'data-dir': { type: 'string' }, url: { type: 'string' }, agent: { type: 'string' } },
      strict: false,
      allowPositionals: true,
    });
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    await runHook({
      dataDir: resolveDataDir(str(values['data-dir']), env),
      collector: collectorUrl(env, str(values['url'])),
      stdin,
      receivedAtNs: processStartNs(),
      ...(str(values['agent']) ? { agent: str(values['agent'])! } : {}),
    });
  } catch (err) {
    // Nothing may reach the agent but exit code 0; a broken data dir is worth a line on stderr, which
    // Claude Code shows only in verbose mode for a hook that exits 0.
    process.stderr.write(`agent-trace hook: ${(err as Error)?.message ?? String(err)}\n`);
  }
  return 0;
};
