import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRICE_SNAPSHOT } from './price-snapshot.generated.js';
import { PriceSnapshotSchema } from './price-table-schema.js';
import { PRICE_TABLE_SOURCE, shippedPriceTable } from './price-table.js';

describe('shipped price table', () => {
  it('is what the strict schema accepts, unchanged (no unknown, missing or mistyped field)', () => {
    const parsed = PriceSnapshotSchema.parse(PRICE_SNAPSHOT);
    assert.deepEqual(parsed, PRICE_SNAPSHOT);
    assert.equal(shippedPriceTable(), PRICE_SNAPSHOT);
  });

  it('the schema refuses what a bad generator could write', () => {
    const good = structuredClone(PRICE_SNAPSHOT) as { models: Record<string, { prices: Record<string, unknown>[] }>; units: string };
    const first = Object.keys(good.models)[0]!;
    const cases: [string, (t: typeof good) => void][] = [
      ['negative rate', (t) => (t.models[first]!.prices[0]!['input'] = -1)],
      ['unknown field', (t) => (t.models[first]!.prices[0]!['inputt'] = 1)],
      ['missing rate', (t) => delete t.models[first]!.prices[0]!['output']],
      ['bad date', (t) => (t.models[first]!.prices[0]!['from'] = '1 May 2026')],
      ['other units', (t) => (t.units = 'USD per token')],
    ];
    for (const [what, spoil] of cases) {
      const bad = structuredClone(good);
      spoil(bad);
      assert.equal(PriceSnapshotSchema.safeParse(bad).success, false, what);
    }
  });

  it('names its source with a dated version', () => {
    assert.match(PRICE_TABLE_SOURCE.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(PRICE_TABLE_SOURCE.name.length > 0 && PRICE_TABLE_SOURCE.version.length > 0);
    assert.ok(Object.isFrozen(PRICE_TABLE_SOURCE));
  });
});
