import type { Config } from '../config/config.js';
import { usageError } from '../errors.js';
import type { PruneOptions } from '../store/types.js';

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 365;
const DAY_NS = 86_400_000_000_000n;

/** A number of days as typed on the command line, within the retention bounds; the error names the option. */
export const retentionDaysArg = (value: string, name: string): number => {
  const days = Number(value);
  if (!/^\d+$/.test(value.trim()) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    throw usageError(`${name} must be a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}; got '${value}'`);
  }
  return days;
};

/** What the configured retention deletes at `now`: sessions idle for `days`, and beyond the size and count limits. */
export const pruneOptionsOf = (retention: Config['retention'], now: Date, days: number = retention.days): PruneOptions => ({
  olderThanNs: BigInt(now.getTime()) * 1_000_000n - BigInt(days) * DAY_NS,
  ...(retention.maxSessions === null ? {} : { maxSessions: retention.maxSessions }),
  ...(retention.maxBytes === null ? {} : { maxBytes: retention.maxBytes }),
});
