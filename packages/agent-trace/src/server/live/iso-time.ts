import type { UnixNano } from '@agent-trace/schema';

const MS_PER_DAY = 86_400_000;
const NS_PER_MS = 1_000_000n;
/** 10000-01-01T00:00:00Z: from here on toISOString writes a six-digit, signed year. */
const FOUR_DIGIT_YEARS_END_MS = 253_402_300_800_000;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `nanoToIso` for the span outlines of the live stream, the same string, with the date part kept per UTC day:
 * a committed batch's spans mostly share one day, and a Date plus toISOString per span was ~130 ms of
 * main-thread time per 100k OTLP spans (serve CPU profile). Times before 1970 or after year 9999 take the
 * general path.
 */
export const createIsoFormatter = (): ((ns: UnixNano) => string) => {
  const fromMs = createMsIsoFormatter();
  return (ns) => fromMs(Number(ns / NS_PER_MS));
};

/**
 * The same, from whole milliseconds (`Number(ns / 1_000_000n)`, exact for every 64-bit nanosecond time), for
 * callers that keep times as numbers: `nanoToIso(ns)` is `new Date(thatMs).toISOString()`.
 */
export const createMsIsoFormatter = (): ((ms: number) => string) => {
  let day = Number.NaN;
  let prefix = '';
  return (ms) => {
    if (!(ms >= 0 && ms < FOUR_DIGIT_YEARS_END_MS)) return new Date(ms).toISOString();
    const d = Math.floor(ms / MS_PER_DAY);
    if (d !== day) {
      day = d;
      prefix = new Date(d * MS_PER_DAY).toISOString().slice(0, 11);
    }
    let rest = ms - d * MS_PER_DAY;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = Math.floor(rest / 1000);
    return `${prefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(rest - s * 1000)}Z`;
  };
};
