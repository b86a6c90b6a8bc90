import { msToNano, type UnixNano } from '@agent-trace/schema';
import { usageError } from '../errors.js';
import { addDays, parseDateArg, zonedMidnightMs } from '../util/timezone.js';

const DURATION_RE = /^(\d+)\s*(m|h|d|w)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export interface TimeRange {
  sinceNs?: UnixNano;
  untilNs?: UnixNano;
}

/**
 * `--since` / `--until` take a date (YYYYMMDD or YYYY-MM-DD, a whole local day in the report's zone,
 * `--until` inclusive) or a duration back from now (`30m`, `24h`, `7d`, `2w`).
 */
export const parseTimeRange = (since: string | undefined, until: string | undefined, tz: string, now: Date): TimeRange => {
  const range: TimeRange = {};
  const bound = (value: string, flag: '--since' | '--until'): number => {
    const dur = DURATION_RE.exec(value.trim());
    if (dur) return now.getTime() - Number(dur[1]) * UNIT_MS[dur[2] as keyof typeof UNIT_MS];
    const d = parseDateArg(value, flag);
    const day = flag === '--until' ? addDays(d, 1) : d;
    return zonedMidnightMs(day.year, day.month, day.day, tz);
  };
  if (since !== undefined) range.sinceNs = msToNano(bound(since, '--since'));
  if (until !== undefined) range.untilNs = msToNano(bound(until, '--until'));
  if (range.sinceNs !== undefined && range.untilNs !== undefined && range.sinceNs >= range.untilNs) {
    throw usageError(`--since (${since}) must be before --until (${until})`);
  }
  return range;
};
