import { mapSpooledEvents } from '../ingest/hooks/map-spooled-events.js';
import { drainSpool } from '../spool/drain.js';
import type { DurableWriter } from './durable-writer.js';
import type { Logger } from './logger.js';

export interface SpoolDrain {
  /** Waits for a drain in progress, and stops the timer. */
  close(): Promise<void>;
}

/**
 * Drains the hook spool (events `agent-trace hook` appended while the collector was unreachable) into the
 * store through the durable writer, at start and then every `intervalMs`. Spooled events keep the ids they
 * would have had if forwarded, so a drain that is retried, or races a forward of the same event, stores it once.
 */
export const startSpoolDrain = (dataDir: string, writer: DurableWriter, logger: Logger, intervalMs: number): SpoolDrain => {
  let running: Promise<void> | null = null;
  let closed = false;
  const drainOnce = (): Promise<void> => {
    running ??= (async () => {
      try {
        const result = await drainSpool(dataDir, async (events) => {
          const { batch, rejected } = mapSpooledEvents(events);
          await writer.enqueue(batch, Math.max(1, events.length - rejected.length));
          return { rejected };
        });
        if (result.sent > 0 || result.deadLettered > 0 || result.incomplete) {
          logger.info('spool drained', { sent: result.sent, deadLettered: result.deadLettered, incomplete: result.incomplete, error: result.lastError });
        }
      } catch (err) {
        logger.error('spool drain failed', { error: err as Error });
      } finally {
        running = null;
      }
    })();
    return running;
  };
  void drainOnce();
  const timer = setInterval(() => {
    if (!closed) void drainOnce();
  }, intervalMs);
  timer.unref();
  return {
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
};
