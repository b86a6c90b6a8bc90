import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, formatDuration, renderTable } from './output.js';

describe('output formatting', () => {
  it('formats durations without impossible values like 59m60s', () => {
    assert.equal(formatDuration(999), '999ms');
    assert.equal(formatDuration(1500), '1.5s');
    assert.equal(formatDuration(59_999), '60.0s');
    assert.equal(formatDuration(1_799_999), '30m00s');
    assert.equal(formatDuration(3_599_999), '1h00m');
    assert.equal(formatDuration(5_400_000), '1h30m');
    assert.equal(formatDuration(null), '—');
  });

  it('formats bytes', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(300 * 1024 * 1024), '300.0 MiB');
  });

  it('aligns table columns, numbers to the right', () => {
    const out = renderTable([{ header: 'Name' }, { header: 'N', align: 'right' }], [['a', '1'], ['bbb', '22']], ['Total', '23']);
    assert.equal(out, ['Name    N', '─────  ──', 'a       1', 'bbb    22', '─────  ──', 'Total  23', ''].join('\n'));
  });
});
