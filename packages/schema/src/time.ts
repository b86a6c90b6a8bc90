import type { UnixNano } from './validators/time.js';
export type { UnixNano } from './validators/time.js';

const NS_PER_MS = 1_000_000n;

export const msToNano = (ms: number): UnixNano => BigInt(Math.trunc(ms)) * NS_PER_MS + BigInt(Math.round((ms % 1) * 1e6));
export const nanoToMs = (ns: UnixNano): number => Number(ns / NS_PER_MS) + Number(ns % NS_PER_MS) / 1e6;
export const nanoToIso = (ns: UnixNano): string => new Date(Number(ns / NS_PER_MS)).toISOString();

/** Parses an ISO-8601 timestamp to nanoseconds; undefined when it is not a valid date. */
export const isoToNano = (iso: string): UnixNano | undefined => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? msToNano(ms) : undefined;
};
