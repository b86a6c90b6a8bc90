/**
 * Prices the parity corpus (fixtures/claude-code/parity) with the PriceBook and compares each day's
 * cost, and each day's cost per model, with the output ccusage 20.0.24 produced on the same files.
 * The lines are read here directly, deduplicated the way ccusage does (message.id + requestId +
 * sessionId, keeping the line with the most tokens), so this checks prices and cost rules only; the
 * end-to-end comparison of `agent-trace report` lives with the CLI.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { totalTokens, type Usage } from '@agent-trace/schema';
import { pickCost, type CostMode } from './cost-mode.js';
import { createPriceBook } from './price-book.js';

const parityDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/claude-code/parity');
const TOLERANCE = 0.005; // the parity target: within 0.5% of ccusage

interface Entry {
  key: string;
  day: string;
  model: string;
  usage: Usage;
  fast: boolean;
  reported: number | undefined;
  at: number;
}

interface RawLine {
  sessionId: string;
  requestId: string;
  timestamp: string;
  costUSD?: number;
  message: {
    id: string;
    model: string;
    usage: {
      input_tokens?: number;
      output_tokens?: number;
      cache_read_input_tokens?: number;
      cache_creation_input_tokens?: number;
      cache_creation?: { ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number };
      speed?: string;
    };
  };
}

const toEntry = (line: RawLine): Entry => {
  const u = line.message.usage;
  const breakdown = u.cache_creation;
  return {
    key: `${line.message.id}\u0000${line.requestId}\u0000${line.sessionId}`,
    day: line.timestamp.slice(0, 10),
    model: line.message.model,
    usage: {
      input: u.input_tokens ?? 0,
      output: u.output_tokens ?? 0,
      cacheRead: u.cache_read_input_tokens ?? 0,
      cacheWrite5m: breakdown ? (breakdown.ephemeral_5m_input_tokens ?? 0) : (u.cache_creation_input_tokens ?? 0),
      cacheWrite1h: breakdown ? (breakdown.ephemeral_1h_input_tokens ?? 0) : 0,
      reasoning: 0,
    },
    fast: u.speed === 'fast',
    reported: line.costUSD,
    at: Date.parse(line.timestamp),
  };
};

const loadEntries = (): Entry[] => {
  const byKey = new Map<string, Entry>();
  const files = readdirSync(join(parityDir, 'projects'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl'));
  assert.ok(files.length >= 5, 'parity corpus present');
  for (const file of files) {
    for (const text of readFileSync(join(parityDir, 'projects', file), 'utf8').split('\n')) {
      if (!text.includes('"usage":{')) continue;
      const entry = toEntry(JSON.parse(text) as RawLine);
      const seen = byKey.get(entry.key);
      if (!seen || totalTokens(entry.usage) > totalTokens(seen.usage)) byKey.set(entry.key, entry);
    }
  }
  return [...byKey.values()];
};

interface CcusageDaily {
  daily: { date: string; totalCost: number; modelBreakdowns: { modelName: string; cost: number }[] }[];
}
const readCcusage = (name: string): CcusageDaily =>
  JSON.parse(readFileSync(join(parityDir, name), 'utf8')) as CcusageDaily;

const ourDaily = (entries: Entry[], mode: CostMode): Map<string, Map<string, number>> => {
  const book = createPriceBook();
  const days = new Map<string, Map<string, number>>();
  for (const e of entries) {
    const calculated = book.cost(e.model, e.usage, { speed: e.fast ? 'fast' : 'standard', at: e.at });
    const cost = pickCost(mode, calculated, e.reported);
    assert.notEqual(cost, null, `${e.model} is priced`);
    const model = e.fast ? `${e.model}-fast` : e.model;
    const day = days.get(e.day) ?? new Map<string, number>();
    day.set(model, (day.get(model) ?? 0) + (cost ?? 0));
    days.set(e.day, day);
  }
  return days;
};

const within = (ours: number, theirs: number): boolean =>
  theirs === 0 ? Math.abs(ours) < 1e-12 : Math.abs(ours - theirs) / theirs <= TOLERANCE;

describe('parity with ccusage 20.0.24 on fixtures/claude-code/parity', () => {
  const entries = loadEntries();

  for (const [mode, file] of [
    ['auto', 'ccusage-daily.json'],
    ['calculate', 'ccusage-daily-calculate.json'],
    ['display', 'ccusage-daily-display.json'],
  ] as const) {
    it(`matches each day's totalCost and per-model cost in ${mode} mode`, () => {
      const ours = ourDaily(entries, mode);
      const theirs = readCcusage(file);
      assert.deepEqual([...ours.keys()].sort(), theirs.daily.map((d) => d.date).sort(), 'same days');
      for (const day of theirs.daily) {
        const models = ours.get(day.date) ?? new Map<string, number>();
        const total = [...models.values()].reduce((a, b) => a + b, 0);
        assert.ok(within(total, day.totalCost), `${day.date}: ours ${total}, ccusage ${day.totalCost}`);
        for (const b of day.modelBreakdowns) {
          const cost = models.get(b.modelName) ?? 0;
          assert.ok(within(cost, b.cost), `${day.date} ${b.modelName}: ours ${cost}, ccusage ${b.cost}`);
        }
      }
    });
  }

  it('exercises the rules it is meant to (the corpus did not lose its special lines)', () => {
    assert.ok(entries.some((e) => e.usage.cacheWrite1h > 0), '1h cache writes');
    assert.ok(entries.some((e) => e.usage.cacheRead > 200_000), 'a bucket above 200k');
    assert.ok(entries.some((e) => e.fast), 'a fast-mode call');
    assert.ok(entries.some((e) => e.reported !== undefined), 'a line with costUSD');
    assert.ok(entries.some((e) => e.model === '<synthetic>'), 'a <synthetic> message');
  });
});
