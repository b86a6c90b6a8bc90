import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertTimeZone, localDate, localParts, parseDateArg, weekStart, zonedMidnightMs, zoneOffsetMs } from './timezone.js';

describe('timezone', () => {
  it('finds local midnight in zones with whole, half and quarter hour offsets', () => {
    assert.equal(new Date(zonedMidnightMs(2026, 11, 20, 'UTC')).toISOString(), '2026-11-20T00:00:00.000Z');
    assert.equal(new Date(zonedMidnightMs(2026, 11, 20, 'America/New_York')).toISOString(), '2026-11-20T05:00:00.000Z');
    assert.equal(new Date(zonedMidnightMs(2026, 11, 20, 'Asia/Kolkata')).toISOString(), '2026-11-19T18:30:00.000Z');
    assert.equal(new Date(zonedMidnightMs(2026, 11, 20, 'Asia/Kathmandu')).toISOString(), '2026-11-19T18:15:00.000Z');
  });

  it('handles the day a DST change happens', () => {
    // Europe/Berlin moves from +1 to +2 at 01:00 UTC on 2026-03-29; midnight that day is still +1.
    assert.equal(new Date(zonedMidnightMs(2026, 3, 29, 'Europe/Berlin')).toISOString(), '2026-03-28T23:00:00.000Z');
    assert.equal(new Date(zonedMidnightMs(2026, 3, 30, 'Europe/Berlin')).toISOString(), '2026-03-29T22:00:00.000Z');
    assert.equal(zoneOffsetMs(Date.UTC(2026, 6, 1), 'Europe/Berlin'), 2 * 3_600_000);
  });

  it('formats local dates', () => {
    const ms = Date.UTC(2026, 10, 20, 23, 30);
    assert.equal(localDate(ms, 'UTC'), '2026-11-20');
    assert.equal(localDate(ms, 'Asia/Tokyo'), '2026-11-21');
    assert.equal(localDate(ms, 'America/Los_Angeles'), '2026-11-20');
  });

  it('parses YYYYMMDD and YYYY-MM-DD and rejects impossible dates', () => {
    assert.deepEqual(parseDateArg('20261120', '--since'), { year: 2026, month: 11, day: 20 });
    assert.deepEqual(parseDateArg('2026-11-20', '--since'), { year: 2026, month: 11, day: 20 });
    assert.throws(() => parseDateArg('20260230', '--since'), /not a real date/);
    assert.throws(() => parseDateArg('yesterday', '--until'), /--until must be a date/);
  });

  it('finds the start of the week', () => {
    assert.equal(weekStart('2026-11-20', 'sunday'), '2026-11-15');
    assert.equal(weekStart('2026-11-15', 'sunday'), '2026-11-15');
    assert.equal(weekStart('2026-11-20', 'monday'), '2026-11-16');
    assert.equal(weekStart('2026-11-16', 'tuesday'), '2026-11-10');
  });

  it("gives for 'UTC' exactly what the Intl formatters give (its fast path skips them)", () => {
    const intlDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
    const intlOffset = (ms: number): number => {
      const p = localParts(ms, 'Etc/UTC');
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
    };
    const instants = [
      0,
      -1,
      1,
      Date.UTC(1000, 0, 1),
      Date.UTC(1000, 0, 1) - 1,
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 1, 29, 12),
      Date.UTC(2026, 10, 20, 23, 59, 59, 999),
      Date.UTC(2026, 10, 21),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10000, 0, 1),
      1_700_000_000_123.5,
    ];
    // Every 15-minute roll-up bucket start over four years, plus instants off the bucket grid.
    for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 15 * 60_000) instants.push(ms);
    for (let ms = Date.UTC(1969, 0, 1); ms < Date.UTC(2100, 0, 1); ms += 7 * 86_400_000 + 3_723_456) instants.push(ms);
    for (const ms of instants) {
      assert.equal(localDate(ms, 'UTC'), intlDate.format(ms), `localDate(${ms})`);
      assert.equal(zoneOffsetMs(ms, 'UTC'), intlOffset(ms), `zoneOffsetMs(${ms})`);
    }
    assert.equal(assertTimeZone('UTC'), 'UTC');
    assert.equal(new Date(zonedMidnightMs(2026, 3, 29, 'UTC')).toISOString(), '2026-03-29T00:00:00.000Z');
    assert.throws(() => assertTimeZone('Mars/Olympus'), /unknown time zone 'Mars\/Olympus'/);
  });
});
