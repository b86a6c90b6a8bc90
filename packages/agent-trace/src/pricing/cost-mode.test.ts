import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCostMode, pickCost } from './cost-mode.js';

describe('pickCost', () => {
  it('auto prefers the reported cost and falls back to the calculated one', () => {
    assert.equal(pickCost('auto', 0.5, 0.42), 0.42);
    assert.equal(pickCost('auto', 0.5, undefined), 0.5);
    assert.equal(pickCost('auto', null, null), null);
    assert.equal(pickCost('auto', 0.5, 0), 0, 'a reported 0 is a reported cost');
  });

  it('calculate ignores the reported cost', () => {
    assert.equal(pickCost('calculate', 0.5, 0.42), 0.5);
    assert.equal(pickCost('calculate', null, 0.42), null);
  });

  it('display shows only the reported cost', () => {
    assert.equal(pickCost('display', 0.5, 0.42), 0.42);
    assert.equal(pickCost('display', 0.5, undefined), 0);
  });

  it('recognises the three modes only', () => {
    assert.ok(isCostMode('auto') && isCostMode('calculate') && isCostMode('display'));
    assert.ok(!isCostMode('Auto') && !isCostMode('estimate'));
  });
});
