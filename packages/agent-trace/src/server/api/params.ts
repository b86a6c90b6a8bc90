import { AGENTS, msToNano, SESSION_STATUSES, type Agent, type SessionStatus } from '@agent-trace/schema';
import { AgentTraceError } from '../../errors.js';
import { parseTimeRange, type TimeRange } from '../../query/time-range.js';
import { assertTimeZone } from '../../util/timezone.js';
import { badParameter } from './api-error.js';

/** Reads typed query parameters; every bad value is a 400 naming the parameter and what it accepts. */
export class Params {
  constructor(private readonly search: URLSearchParams) {}

  str(name: string): string | undefined {
    const v = this.search.get(name);
    return v === null || v === '' ? undefined : v;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const v = this.str(name);
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) throw badParameter(name, `must be one of ${allowed.join(', ')}; got '${v}'`);
    return v as T;
  }

  int(name: string, min: number, max: number, fallback: number): number {
    const v = this.str(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw badParameter(name, `must be a whole number from ${min} to ${max}; got '${v}'`);
    return Number(v);
  }

  agent(): Agent | undefined {
    return this.oneOf('agent', AGENTS);
  }

  status(): SessionStatus | undefined {
    return this.oneOf('status', SESSION_STATUSES);
  }

  timezone(fallback: string): string {
    const v = this.str('timezone');
    if (v === undefined) return fallback;
    try {
      return assertTimeZone(v);
    } catch (err) {
      throw badParameter('timezone', (err as Error).message);
    }
  }

  /**
   * `since` / `until`: an ISO timestamp (2025-03-01T10:00:00Z), a date (2025-03-01 or 20250301, a whole day in
   * `timezone`, `until` inclusive, as in the CLI) or a duration back from now (30m, 24h, 7d, 2w).
   * `window` is a shorthand for `since` as a duration.
   */
  timeRange(tz: string, now: Date): TimeRange {
    const since = this.str('since') ?? this.str('window');
    const until = this.str('until');
    const range: TimeRange = {};
    const isoBound = (value: string | undefined, name: string): bigint | undefined => {
      if (value === undefined || !value.includes('T')) return undefined;
      const ms = Date.parse(value);
      if (!Number.isFinite(ms)) throw badParameter(name, `'${value}' is not an ISO timestamp`);
      return msToNano(ms);
    };
    const sinceIso = isoBound(since, 'since');
    const untilIso = isoBound(until, 'until');
    try {
      const rest = parseTimeRange(sinceIso === undefined ? since : undefined, untilIso === undefined ? until : undefined, tz, now);
      Object.assign(range, rest);
    } catch (err) {
      if (err instanceof AgentTraceError) throw badParameter(/--until/.test(err.message) && !/--since/.test(err.message) ? 'until' : 'since', err.message.replace(/--(since|until)/g, '$1'));
      throw err;
    }
    if (sinceIso !== undefined) range.sinceNs = sinceIso;
    if (untilIso !== undefined) range.untilNs = untilIso;
    if (range.sinceNs !== undefined && range.untilNs !== undefined && range.sinceNs >= range.untilNs) {
      throw badParameter('since', 'must be before until');
    }
    return range;
  }
}
