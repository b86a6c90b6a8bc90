import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nanoToIso } from '@agent-trace/schema';
import { createIsoFormatter } from './iso-time.js';

describe('createIsoFormatter', () => {
  it('writes exactly what nanoToIso writes, across days, years, the epoch and beyond the four-digit years', () => {
    const iso = createIsoFormatter();
    const ms = [
      0, 1, 999, 1000, 59_999, 60_000, 3_599_999, 3_600_000, 86_399_999, 86_400_000, 86_400_001,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2024, 2, 1), Date.UTC(2025, 11, 31, 23, 59, 59, 999), Date.UTC(2026, 0, 1),
      Date.UTC(1999, 11, 31, 12, 0, 0, 5), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(9999, 11, 31) + 86_400_000, Date.UTC(12000, 5, 1),
      -1, -86_400_001, Date.UTC(1969, 6, 20, 20, 17, 40),
    ];
    // Back and forth between days, so the cached date part is replaced and reused.
    const times = [...ms, ...ms.reverse()].flatMap((t) => [BigInt(t) * 1_000_000n, BigInt(t) * 1_000_000n + 999_999n]);
    for (const ns of times) assert.equal(iso(ns), nanoToIso(ns), `${ns}`);
  });

  it('matches nanoToIso on a day of pseudo-random times', () => {
    const iso = createIsoFormatter();
    let x = 12345;
    const start = BigInt(Date.UTC(2026, 10, 1)) * 1_000_000n;
    for (let i = 0; i < 20_000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const ns = start + BigInt(x) * 40_233n;
      assert.equal(iso(ns), nanoToIso(ns));
    }
  });
});
