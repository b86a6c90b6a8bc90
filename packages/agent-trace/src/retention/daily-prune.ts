import type { Config } from '../config/config.js';
import type { Logger } from '../server/logger.js';
import type { Store } from '../store/types.js';
import { pruneOptionsOf } from './retention-policy.js';

/** `serve` prunes once a day at this UTC hour: the quiet hours of most of the world's working day. */
export const PRUNE_HOUR_UTC = 3;
const DAY_MS = 86_400_000;

/** Milliseconds from `now` to the next 03:00 UTC (a full day when it is exactly 03:00). */
export const msUntilNextPrune = (now: Date): number => {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), PRUNE_HOUR_UTC);
  const delta = next - now.getTime();
  return delta > 0 ? delta : delta + DAY_MS;
};

export interface DailyPrune {
  stop(): void;
}

/**
 * Runs the configured retention every day at 03:00 UTC. The prune runs in small transactions (store/sqlite/prune.ts),
 * so ingest continues meanwhile. The timer is unref'd: it never keeps the process alive on its own.
 */
export const scheduleDailyPrune = (store: Store, retention: Config['retention'], logger: Logger, now: () => Date = () => new Date()): DailyPrune => {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const arm = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void run(), msUntilNextPrune(now()));
    timer.unref();
  };
  const run = async (): Promise<void> => {
    try {
      const result = await store.prune(pruneOptionsOf(retention, now()));
      logger.info('retention prune', { ...result, days: retention.days });
    } catch (err) {
      logger.error('retention prune failed', { error: err as Error });
    }
    arm();
  };
  arm();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
};
