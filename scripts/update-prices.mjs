#!/usr/bin/env node
// Generates packages/agent-trace/src/pricing/price-snapshot.generated.ts from the npm package
// @pydantic/genai-prices (a root devDependency, pinned exactly in package.json). It runs as the first
// step of `npm run build`, so the table is never committed and always matches the pinned source; to
// move to newer prices: `npm install -D --save-exact @pydantic/genai-prices@<version>` and rebuild.
//
// The snapshot keeps the first-party providers whose agents we import (Anthropic, OpenAI, Google),
// resolves every price to an explicit USD-per-million number, and turns each model's match rules
// into exact ids. Prefix rules are kept only as exact ids, never as prefixes: a prefix such as
// `claude-sonnet-5` would otherwise price `claude-sonnet-5-5` as another model.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findProvider } from '@pydantic/genai-prices';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'packages/agent-trace/src/pricing/price-snapshot.generated.ts');
// The package's `exports` hide its package.json, so it is read from the workspace's node_modules.
const pkg = JSON.parse(readFileSync(join(root, 'node_modules/@pydantic/genai-prices/package.json'), 'utf8'));

const PROVIDERS = ['anthropic', 'openai', 'google'];

/**
 * The day each pinned release of the source was published (npm's `time` field), so the table states the
 * date of its prices without asking the registry at build time. Add the date when bumping the pin.
 */
const RELEASE_DATES = { '0.1.8': '2026-09-23' };

/**
 * How a provider's long-context tier applies. Anthropic's `*_above_200k` tier is applied per bucket to
 * the tokens above 200k, the rule ccusage uses, so our Claude totals match it; OpenAI and Google bill
 * the whole request at the higher rate once its input (with cache) passes the threshold.
 */
const TIER_RULE = { anthropic: 'bucket', openai: 'request', google: 'request' };

/**
 * Facts the source lacks, each with its reason. Reviewed on every regeneration: drop an entry once the
 * source carries it.
 */
const CORRECTIONS = {
  // Anthropic priced Sonnet 4 above 200k input tokens like Sonnet 4.5 ($6 / $22.50, cache at the same
  // ratios) while its 1M-context beta ran; the source prices Sonnet 4 flat.
  'claude-sonnet-4-0': {
    tier: { threshold: 200_000, input: 6, output: 22.5, cacheRead: 0.6, cacheWrite5m: 7.5, cacheWrite1h: 12 },
  },
};

/** Fast mode (`usage.speed: "fast"`) multiplies the standard price (Anthropic pricing, fast mode). */
const FAST_MULTIPLIERS = { 'claude-opus-4-6': 6, 'claude-opus-4-7': 6, 'claude-opus-4-8': 2 };

/** The same normalisation the runtime applies to a requested id (see model-id.ts). */
const normaliseKey = (id) => id.trim().toLowerCase().replace(/(\d)\.(\d)/g, '$1-$2');

const isFullId = (s) => /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/i.test(s);

/** Exact ids named by a genai-prices match rule; prefixes become exact ids, `contains` and other regexes are dropped. */
const idsOf = (match) => {
  if ('or' in match) return match.or.flatMap(idsOf);
  if ('and' in match) return [];
  if ('equals' in match) return [match.equals];
  if ('starts_with' in match) return isFullId(match.starts_with) ? [match.starts_with] : [];
  if ('regex' in match) {
    // `^name-\d{8}$` / `^name-\d{4}-\d{2}-\d{2}$`: the base name; the runtime strips date suffixes.
    const m = /^\^([a-z0-9.\\-]+?)-\\d\{(?:8|4\}-\\d\{2\}-\\d\{2)\}\$$/.exec(match.regex);
    return m ? [m[1].replaceAll('\\.', '.')] : [];
  }
  return [];
};

const perMillion = (value) => {
  if (value === undefined) return { base: undefined, tier: undefined };
  if (typeof value === 'number') return { base: value, tier: undefined };
  if (value.tiers.length !== 1) throw new Error(`unsupported tier count ${value.tiers.length}`);
  const [t] = value.tiers;
  return { base: value.base, tier: { start: t.start, price: t.price } };
};

const convertPrice = (provider, price) => {
  const input = perMillion(price.input_mtok);
  const output = perMillion(price.output_mtok);
  if (input.base === undefined || output.base === undefined) return null;
  const read = perMillion(price.cache_read_mtok);
  const write = perMillion(price.cache_write_mtok);
  const write1h = perMillion(price.cache_write_1h_mtok);
  // Without a published cache price, cached tokens are billed as ordinary input.
  const out = {
    input: input.base,
    output: output.base,
    cacheRead: read.base ?? input.base,
    cacheWrite5m: write.base ?? input.base,
    cacheWrite1h: write1h.base ?? (provider === 'anthropic' ? input.base * 2 : write.base ?? input.base),
  };
  const starts = [input, output, read, write, write1h].filter((p) => p.tier).map((p) => p.tier.start);
  if (starts.length > 0) {
    if (new Set(starts).size !== 1) throw new Error('tiers with different thresholds');
    const above = (p, fallback) => p.tier?.price ?? fallback;
    const tierInput = above(input, input.base);
    out.tier = {
      threshold: starts[0],
      rule: TIER_RULE[provider],
      input: tierInput,
      output: above(output, output.base),
      cacheRead: above(read, out.cacheRead),
      cacheWrite5m: above(write, out.cacheWrite5m),
      cacheWrite1h: above(write1h, provider === 'anthropic' ? tierInput * 2 : out.cacheWrite1h),
    };
  }
  return out;
};

/** genai-prices lists an unconstrained price first and later prices with a start date. */
const periodsOf = (provider, prices) => {
  const list = Array.isArray(prices) ? prices : [{ prices }];
  const periods = [];
  for (const entry of list) {
    if (entry.constraint && entry.constraint.type !== 'start_date') continue;
    const price = convertPrice(provider, entry.prices);
    if (!price) continue;
    periods.push(entry.constraint ? { from: entry.constraint.start_date, ...price } : price);
  }
  return periods;
};

const models = {};
const aliases = {};
for (const providerId of PROVIDERS) {
  const provider = findProvider({ providerId });
  if (!provider) throw new Error(`provider ${providerId} missing from @pydantic/genai-prices`);
  // Within one provider an id two models claim names neither: it is dropped rather than guessed.
  const claims = new Map();
  for (const model of provider.models) {
    const id = normaliseKey(model.id);
    // Resold models (Claude on Vertex in `google`) keep the first-party price of an earlier provider.
    if (models[id] || aliases[id]) continue;
    let periods;
    try {
      periods = periodsOf(providerId, model.prices);
    } catch (err) {
      console.warn(`skip ${providerId}/${model.id}: ${err.message}`);
      continue;
    }
    if (periods.length === 0) continue;
    const correction = CORRECTIONS[id];
    if (correction) for (const p of periods) if (!p.from && !p.tier) p.tier = { rule: TIER_RULE[providerId], ...correction.tier };
    const entry = { provider: providerId, prices: periods };
    if (FAST_MULTIPLIERS[id]) entry.fast = FAST_MULTIPLIERS[id];
    models[id] = entry;
    for (const key of new Set(idsOf(model.match).map(normaliseKey))) {
      if (key !== id) claims.set(key, [...(claims.get(key) ?? []), id]);
    }
  }
  for (const [key, owners] of claims) {
    if (models[key] || aliases[key]) continue;
    if (owners.length > 1) {
      console.warn(`ambiguous id ${providerId}/${key}: ${owners.join(', ')}; dropped`);
      continue;
    }
    aliases[key] = owners[0];
  }
}

const sorted = Object.fromEntries(Object.entries(models).sort(([a], [b]) => a.localeCompare(b)));
const snapshot = {
  source: {
    name: '@pydantic/genai-prices',
    version: pkg.version,
    date: RELEASE_DATES[pkg.version] ?? 'unknown',
    url: 'https://github.com/pydantic/genai-prices',
  },
  generatedBy: 'scripts/update-prices.mjs',
  units: 'USD per million tokens',
  models: sorted,
  aliases: Object.fromEntries(Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b))),
};
// A TypeScript module rather than JSON: it compiles into dist with the rest of the package and needs no
// import attributes. Typed `unknown` on purpose: price-table.ts validates it, and tsc is spared the literal type.
const header = '// Generated by scripts/update-prices.mjs from @pydantic/genai-prices. Do not edit; regenerate.\n';
writeFileSync(outFile, `${header}export const PRICE_SNAPSHOT: unknown = ${JSON.stringify(snapshot, null, 1)};\n`);
console.log(`wrote ${Object.keys(sorted).length} models, ${Object.keys(aliases).length} aliases to ${outFile}`);
