import { usageError } from '../errors.js';

/** The system's IANA time zone, the default for reports (as ccusage). */
export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * 'UTC' is the zone reports are run in by scripts and the benchmark (`-z UTC`): it needs no check and no ICU
 * formatter. The first Intl.DateTimeFormat with a time zone loads ICU's zone data, ~19 ms of a ~230 ms
 * `report daily --json` on the bench machine, and each Intl format costs ~5 µs against ~0.3 µs for Date arithmetic.
 */
const isUtc = (tz: string): boolean => tz === 'UTC';
/** Instants whose UTC year has four digits: there the fast paths give exactly what the Intl formatters give. */
const ISO_FROM_MS = Date.UTC(1000, 0, 1);
const ISO_UNTIL_MS = Date.UTC(10000, 0, 1);

export const assertTimeZone = (tz: string): string => {
  if (isUtc(tz)) return tz;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    throw usageError(`unknown time zone '${tz}' (use an IANA name such as UTC, Europe/Berlin, America/New_York)`);
  }
};

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const partsFormatter = (tz: string): Intl.DateTimeFormat => {
  let f = partsFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(tz, f);
  }
  return f;
};

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export const localParts = (ms: number, tz: string): LocalParts => {
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of partsFormatter(tz).formatToParts(ms)) {
    if (p.type in out) out[p.type as keyof LocalParts] = Number(p.value);
  }
  return out;
};

/** Offset of the zone from UTC at an instant, in ms (local = utc + offset). */
export const zoneOffsetMs = (ms: number, tz: string): number => {
  if (isUtc(tz) && ms >= ISO_FROM_MS && ms < ISO_UNTIL_MS) return 0;
  const p = localParts(ms, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
};

/** The UTC instant at which the given local date starts in the zone. */
export const zonedMidnightMs = (year: number, month: number, day: number, tz: string): number => {
  const guess = Date.UTC(year, month - 1, day);
  // Two passes settle the offset across a DST change.
  let ms = guess - zoneOffsetMs(guess, tz);
  ms = guess - zoneOffsetMs(ms, tz);
  return ms;
};

const pad2 = (n: number): string => String(n).padStart(2, '0');
export const isoDate = (year: number, month: number, day: number): string => `${year}-${pad2(month)}-${pad2(day)}`;

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
/** 'YYYY-MM-DD' of an instant in the zone. */
export const localDate = (ms: number, tz: string): string => {
  if (isUtc(tz) && ms >= ISO_FROM_MS && ms < ISO_UNTIL_MS) return new Date(ms).toISOString().slice(0, 10);
  let f = dateFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(tz, f);
  }
  return f.format(ms);
};

/** Parses YYYYMMDD or YYYY-MM-DD (ccusage takes the former). */
export const parseDateArg = (value: string, flag: string): { year: number; month: number; day: number } => {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value.trim());
  if (!m) throw usageError(`${flag} must be a date as YYYYMMDD or YYYY-MM-DD, got '${value}'`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw usageError(`${flag} is not a real date: '${value}'`);
  }
  return { year, month, day };
};

/** Adds days to a civil date (no time zone involved). */
export const addDays = (d: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } => {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The local date that starts the week holding `date` ('YYYY-MM-DD'), weeks starting on `startOfWeek`. */
export const weekStart = (date: string, startOfWeek: Weekday): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const back = (dow - WEEKDAYS.indexOf(startOfWeek) + 7) % 7;
  const s = addDays({ year: y, month: m, day: d }, -back);
  return isoDate(s.year, s.month, s.day);
};
