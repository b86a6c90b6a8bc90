import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixturesDir } from '../../../test-support/paths.js';
import { findTopLevelMember } from './top-level-key.js';

const KEY = Buffer.from('"toolUseResult"');

/** Cuts the member out; returns the rest and the member's value, both parsed, or null when it was not found. */
const cut = (text: string): { rest: unknown; value: unknown } | null => {
  const buffer = Buffer.from(text);
  const m = findTopLevelMember(buffer, 0, buffer.length, KEY);
  if (!m) return null;
  const rest = buffer.toString('utf8', 0, m.cutStart) + buffer.toString('utf8', m.cutEnd);
  return { rest: JSON.parse(rest), value: JSON.parse(buffer.toString('utf8', m.valueStart, m.valueEnd)) };
};

/** What a whole-line parse gives: the object without the member, and the member. */
const whole = (text: string): { rest: unknown; value: unknown } => {
  const { toolUseResult, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return { rest, value: toolUseResult };
};

const jsonlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? jsonlFiles(p) : p.endsWith('.jsonl') ? [p] : [];
  });

describe('findTopLevelMember', () => {
  it('cuts the member wherever it stands, leaving valid JSON', () => {
    for (const text of [
      '{"type":"user","toolUseResult":{"agentId":"a1","n":[1,{"x":"}"}]},"uuid":"u"}',
      '{"toolUseResult":"first","type":"user"}',
      '{"type":"user","toolUseResult":[1,2,3]}',
      '{"toolUseResult":null}',
      '{"type":"user","message":{"content":"a \\"quoted\\" \\\\","toolUseResult":"nested"},"toolUseResult":{"s":"\\\\\\"}"}}',
      // Multi-byte UTF-8 before, inside and after the member: positions are byte offsets.
      '{"type":"user","message":{"content":"déjà vu → ✓ 🎉"},"toolUseResult":{"stdout":"naïve \\"→\\" 🎉"},"uuid":"ü"}',
    ]) {
      assert.deepEqual(cut(text), whole(text), text);
    }
  });

  it('finds nothing for a nested-only key, a key inside a string, two top-level keys, or a spaced colon', () => {
    for (const text of [
      '{"type":"user","message":{"toolUseResult":{"agentId":"a"}}}',
      '{"type":"user","text":"\\"toolUseResult\\":{}"}',
      '{"toolUseResult":1,"type":"user","toolUseResult":2}',
      '{"type":"user","toolUseResult" : 1}',
      '{"type":"user","toolUseResult":{"a":1}',
      '[{"toolUseResult":1}]',
    ]) {
      assert.equal(cut(text), null, text);
    }
  });

  it('gives exactly what a whole-line parse gives, on every line of every Claude Code fixture', () => {
    let checked = 0;
    for (const file of jsonlFiles(join(fixturesDir, 'claude-code'))) {
      for (const text of readFileSync(file, 'utf8').split('\n')) {
        if (!text.includes('"toolUseResult":')) continue;
        let expected: { rest: unknown; value: unknown };
        try {
          expected = whole(text);
        } catch {
          continue;
        }
        const got = cut(text);
        assert.ok(got, `${file}: member not found in ${text.slice(0, 80)}`);
        assert.deepEqual(got, expected, file);
        checked++;
      }
    }
    assert.ok(checked > 10, `only ${checked} fixture lines carry toolUseResult`);
  });
});
