import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareGroupKeys } from './grouped-report.js';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe('compareGroupKeys', () => {
  it('orders local dates and months exactly as localeCompare does', () => {
    const days: string[] = [];
    for (let ms = Date.UTC(1999, 10, 1); ms < Date.UTC(2031, 2, 1); ms += 86_400_000 * 3 + 3_600_000) days.push(new Date(ms).toISOString().slice(0, 10));
    const keys = [...days, ...days.map((d) => d.slice(0, 7)), '0000-00-00', '9999-99-99', '1000-01', '2026-11-20', '2026-11-20'];
    let pairs = 0;
    for (let i = 0; i < keys.length; i += 7) {
      for (let j = 0; j < keys.length; j += 11) {
        const a = keys[i]!;
        const b = keys[j]!;
        assert.equal(sign(compareGroupKeys(a, b)), sign(a.localeCompare(b)), `${a} vs ${b}`);
        pairs++;
      }
    }
    assert.ok(pairs > 10_000);
    const shuffled = [...days].reverse();
    assert.deepEqual([...shuffled].sort(compareGroupKeys), [...shuffled].sort((a, b) => a.localeCompare(b)));
  });

  it('leaves every other key to localeCompare', () => {
    const keys = ['claude-opus-4', 'Claude-Sonnet', 'claude-sonnet', 'a-b', 'ab', '2026-11', '2026-11-20', '20261120', '2026-1-2', '2026-11-2a', '2026/11/20', '2026-1x-20', 'abcd-ef-gh', '2026-11-2', 'é', 'e', 'Z', '(unknown)', ''];
    for (const a of keys) for (const b of keys) assert.equal(sign(compareGroupKeys(a, b)), sign(a.localeCompare(b)), `${a} vs ${b}`);
  });
});
