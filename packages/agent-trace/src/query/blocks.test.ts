import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asSessionId, msToNano, ZERO_USAGE } from '@agent-trace/schema';
import type { LlmCallRow } from '../store/types.js';
import { buildBlocks } from './blocks.js';

const call = (iso: string, output: number, cost: number | null, model = 'claude-sonnet-4-5-20250929'): LlmCallRow => ({
  sessionId: asSessionId('s1'),
  spanId: iso,
  startNs: msToNano(Date.parse(iso)),
  model,
  usage: { ...ZERO_USAGE, input: 10, output },
  costUsd: cost,
  reportedCostUsd: null,
  projectName: 'shop',
});

describe('billing blocks', () => {
  const now = new Date('2026-12-01T00:00:00Z');

  it('starts a block at the hour of its first call and closes it after five hours', () => {
    const blocks = buildBlocks(
      [call('2026-11-20T10:17:00Z', 100, 1), call('2026-11-20T14:59:00Z', 50, 0.5), call('2026-11-20T15:20:00Z', 5, 0.25)],
      'calculate',
      now,
    );
    assert.equal(blocks.length, 2);
    assert.equal(blocks[0]!.startTime, '2026-11-20T10:00:00.000Z');
    assert.equal(blocks[0]!.endTime, '2026-11-20T15:00:00.000Z');
    assert.equal(blocks[0]!.actualEndTime, '2026-11-20T14:59:00.000Z');
    assert.equal(blocks[0]!.entries, 2);
    assert.equal(blocks[0]!.costUSD, 1.5);
    assert.equal(blocks[0]!.totalTokens, 170);
    assert.equal(blocks[1]!.startTime, '2026-11-20T15:00:00.000Z');
    assert.equal(blocks[1]!.isGap, false);
  });

  it('puts a gap block where nothing happened for more than five hours', () => {
    const blocks = buildBlocks([call('2026-11-20T10:00:00Z', 1, 0), call('2026-11-21T09:30:00Z', 1, 0)], 'calculate', now);
    assert.deepEqual(
      blocks.map((b) => [b.id, b.isGap]),
      [
        ['2026-11-20T10:00:00.000Z', false],
        ['gap-2026-11-20T15:00:00.000Z', true],
        ['2026-11-21T09:00:00.000Z', false],
      ],
    );
  });

  it('marks the running block active with a burn rate and projection', () => {
    const blocks = buildBlocks(
      [call('2026-11-20T10:05:00Z', 600, 1), call('2026-11-20T10:35:00Z', 600, 1)],
      'calculate',
      new Date('2026-11-20T11:00:00Z'),
    );
    assert.equal(blocks[0]!.isActive, true);
    assert.equal(blocks[0]!.burnRate!.costPerHour, 4);
    assert.equal(blocks[0]!.projection!.remainingMinutes, 240);
  });

  it('counts no cost for unknown prices and lists models once in order of use', () => {
    const blocks = buildBlocks(
      [call('2026-11-20T10:00:00Z', 1, null, 'mystery-1'), call('2026-11-20T10:01:00Z', 1, 2), call('2026-11-20T10:02:00Z', 1, null, 'mystery-1')],
      'calculate',
      now,
    );
    assert.equal(blocks[0]!.costUSD, 2);
    assert.deepEqual(blocks[0]!.models, ['mystery-1', 'claude-sonnet-4-5-20250929']);
  });
});
