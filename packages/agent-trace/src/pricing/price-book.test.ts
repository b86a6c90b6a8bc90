import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZERO_USAGE, type Usage } from '@agent-trace/schema';
import { createPriceBook, SYNTHETIC_MODEL } from './price-book.js';
import { PRICE_TABLE_SOURCE } from './price-table.js';

const usage = (u: Partial<Usage>): Usage => ({ ...ZERO_USAGE, ...u });
const close = (actual: number | null, expected: number, msg?: string): void => {
  assert.ok(actual !== null, msg ?? 'cost is null');
  assert.ok(Math.abs(actual - expected) < 1e-9, `${msg ?? ''} expected ${expected}, got ${actual}`);
};
const M = 1_000_000;

describe('PriceBook: shipped table', () => {
  const book = createPriceBook();

  it('prices the reference check figure (sonnet 4.5: 4 in, 150 out, 2000 write, 10000 read = $0.012762)', () => {
    const u = usage({ input: 4, output: 150, cacheWrite5m: 2000, cacheRead: 10_000 });
    close(book.cost('claude-sonnet-4-5-20250929', u), 0.012762);
  });

  it('prices each bucket at its own rate', () => {
    close(book.cost('claude-sonnet-4-5', usage({ input: M / 10 })), 0.3);
    close(book.cost('claude-sonnet-4-5', usage({ output: M / 10 })), 1.5);
    close(book.cost('claude-sonnet-4-5', usage({ cacheRead: M / 10 })), 0.03);
    close(book.cost('claude-sonnet-4-5', usage({ cacheWrite5m: M / 10 })), 0.375);
    close(book.cost('claude-opus-4-1-20250805', usage({ input: M, output: M })), 90);
    close(book.cost('claude-haiku-4-5-20251001', usage({ input: M, output: M })), 6);
  });

  it('prices 1-hour cache writes at 2x input, not at the 5-minute rate', () => {
    close(book.cost('claude-sonnet-4-5', usage({ cacheWrite1h: 100_000 })), 0.6);
    close(book.cost('claude-opus-4-5', usage({ cacheWrite1h: 100_000 })), 1.0);
    assert.notEqual(book.cost('claude-sonnet-4-5', usage({ cacheWrite1h: 100_000 })), 0.375);
  });

  it('prices only the tokens above 200k in each bucket at the long-context rate', () => {
    // 200k at $0.30 + 50k at $0.60
    close(book.cost('claude-sonnet-4-5', usage({ cacheRead: 250_000 })), 0.06 + 0.03);
    // exactly at the threshold: no tier
    close(book.cost('claude-sonnet-4-5', usage({ cacheRead: 200_000 })), 0.06);
    // buckets are tiered separately: 150k input + 150k cache read stay on base rates
    close(book.cost('claude-sonnet-4-5', usage({ input: 150_000, cacheRead: 150_000 })), 0.45 + 0.045);
    // 1h writes above 200k at 2x the long-context input rate
    close(book.cost('claude-sonnet-4-5', usage({ cacheWrite1h: 300_000 })), 200_000 * 6e-6 + 100_000 * 12e-6);
    // Sonnet 4 carries the same tier; Opus 4.1 has none
    close(book.cost('claude-sonnet-4-20250514', usage({ input: 300_000 })), 0.6 + 0.6);
    close(book.cost('claude-opus-4-1', usage({ input: 300_000 })), 4.5);
  });

  it('picks the price in force at the call time when a model has dated prices', () => {
    const u = usage({ input: 300_000 });
    close(book.cost('claude-opus-4-6', u, { at: Date.parse('2026-02-01T00:00:00Z') }), 200_000 * 5e-6 + 100_000 * 10e-6);
    close(book.cost('claude-opus-4-6', u, { at: Date.parse('2026-03-13T00:00:00Z') }), 1.5);
    close(book.cost('claude-opus-4-6', u), 1.5, 'default is today');
  });

  it('applies the whole-request long-context rule to OpenAI models', () => {
    // gpt-5.4: $2.50 in / $15 out; above 272k context every bucket at $5 / $22.50
    close(book.cost('gpt-5.4', usage({ input: 100_000, output: 1_000 })), 0.25 + 0.015);
    close(book.cost('gpt-5.4', usage({ input: 20_000, cacheRead: 260_000, output: 1_000 })), 0.1 + 0.13 + 0.0225);
  });

  it('multiplies fast-mode calls by the model multiplier, and only those', () => {
    const u = usage({ input: M });
    close(book.cost('claude-opus-4-6', u, { speed: 'fast' }), 30);
    close(book.cost('claude-opus-4-6', u, { speed: 'standard' }), 5);
    close(book.cost('claude-haiku-4-5', u, { speed: 'fast' }), 1, 'no fast multiplier in the table');
  });

  it('prices <synthetic> at 0', () => {
    assert.equal(book.cost(SYNTHETIC_MODEL, usage({ input: 10, output: 10 })), 0);
    assert.equal(book.priceFor(SYNTHETIC_MODEL)?.origin, 'synthetic');
  });

  it('returns null for unknown models, never 0 and never a neighbour', () => {
    for (const model of ['claude-opus-4-10', 'claude-sonnet-4-7', 'claude-haiku-5', 'gpt-99', 'my-local-llama', '']) {
      assert.equal(book.priceFor(model), null, model);
      assert.equal(book.cost(model, usage({ input: 1000 })), null, model);
    }
  });

  it('does not match across versions by prefix', () => {
    assert.equal(book.priceFor('claude-opus-4-6')?.id, 'claude-opus-4-6');
    assert.equal(book.priceFor('claude-opus-4-1')?.id, 'claude-opus-4-1');
    assert.equal(book.priceFor('claude-opus-4')?.id, 'claude-opus-4-0');
    assert.equal(book.priceFor('claude-sonnet-5-5'), null, 'claude-sonnet-5 must not price claude-sonnet-5-5');
    assert.equal(book.priceFor('claude-opus-4-6-turbo'), null);
    assert.equal(book.priceFor('gpt-5-mini')?.id, 'gpt-5-mini');
    close(book.cost('claude-opus-4-6', usage({ input: M })), 5);
    close(book.cost('claude-opus-4', usage({ input: M })), 15);
  });

  it('normalises provider prefixes, deployment suffixes, dates and dotted versions', () => {
    const ids = [
      'claude-sonnet-4-5-20250929',
      'anthropic/claude-sonnet-4-5',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'vertex_ai/claude-sonnet-4-5@20250929',
      'claude-sonnet-4-5@20250929',
      'claude-sonnet-4.5',
      'Claude-Sonnet-4-5',
      'claude-sonnet-4-5[1m]',
    ];
    for (const id of ids) assert.equal(book.priceFor(id)?.id, 'claude-sonnet-4-5', id);
    assert.equal(book.priceFor('claude-3-5-haiku-20241022')?.id, 'claude-3-5-haiku-latest');
  });

  it('memoises lookups per model id', () => {
    assert.equal(book.priceFor('claude-sonnet-4-5-20250929'), book.priceFor('claude-sonnet-4-5-20250929'));
  });

  it('exposes the table source and date', () => {
    assert.equal(book.source, PRICE_TABLE_SOURCE);
    assert.equal(book.source.name, '@pydantic/genai-prices');
    assert.match(book.source.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(book.source.version, /^\d+\.\d+\.\d+/);
  });
});

describe('PriceBook: overrides', () => {
  it('win over the shipped table, also for dated and prefixed spellings', () => {
    const book = createPriceBook({ 'claude-sonnet-4-5': { input: 1, output: 2, cache_read: 0.5, cache_write_5m: 1.5, cache_write_1h: 3 } });
    assert.equal(book.priceFor('claude-sonnet-4-5-20250929')?.origin, 'override');
    close(book.cost('us.anthropic.claude-sonnet-4-5-20250929-v1:0', usage({ input: M, output: M })), 3);
    close(book.cost('claude-sonnet-4-5', usage({ cacheRead: M, cacheWrite5m: M, cacheWrite1h: M })), 5);
    close(book.cost('claude-opus-4-5', usage({ input: M })), 5, 'other models keep the table price');
  });

  it('derive omitted cache prices from input the way Anthropic prices them', () => {
    const book = createPriceBook({ 'my-model': { input: 4, output: 8 } });
    close(book.cost('my-model', usage({ cacheRead: M })), 0.4);
    close(book.cost('my-model', usage({ cacheWrite5m: M })), 5);
    close(book.cost('my-model', usage({ cacheWrite1h: M })), 8);
  });

  it('price a model the table lacks, and keep fast mode from the table', () => {
    const book = createPriceBook({ 'claude-opus-4-6': { input: 1, output: 1 }, 'acme-coder': { input: 1, output: 1 } });
    close(book.cost('acme-coder', usage({ input: M })), 1);
    close(book.cost('claude-opus-4-6', usage({ input: M }), { speed: 'fast' }), 6);
    assert.equal(createPriceBook().priceFor('acme-coder'), null);
  });

  it('apply an `above` tier to the tokens past its threshold', () => {
    const book = createPriceBook({ 'acme-coder': { input: 1, output: 1, above: { threshold: 1000, input: 2, output: 4 } } });
    close(book.cost('acme-coder', usage({ input: 1500 })), (1000 * 1 + 500 * 2) / M);
    close(book.cost('acme-coder', usage({ cacheRead: 2000 })), (1000 * 0.1 + 1000 * 0.2) / M);
    close(book.cost('acme-coder', usage({ input: 1000 })), 1000 / M);
  });
});
