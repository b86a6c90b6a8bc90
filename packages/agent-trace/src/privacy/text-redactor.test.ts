import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileExtraPatterns } from './extra-patterns.js';
import { createTextRedactor } from './text-redactor.js';
import { regexRule } from './text-rule.js';

describe('createTextRedactor', () => {
  const seen: string[] = [];
  const rules = [
    regexRule('long', 'abc-secret', /abc-secret/g, '[LONG]'),
    // Its trigger overlaps the first one's at the same position and inside it.
    regexRule('short', 'secret|abc', /secret|abc/g, (m) => {
      seen.push(m);
      return '[SHORT]';
    }),
    regexRule('digits', '\\d{3}', /\d{3}/g, '[D]'),
  ];
  const redactor = createTextRedactor(rules, compileExtraPatterns([{ name: 'x', regex: 'zzz+', replacement: '[Z]' }]));

  it('runs every rule whose trigger occurs, even where triggers overlap', () => {
    assert.equal(redactor.redact('x abc-secret y'), 'x [LONG] y');
    assert.equal(redactor.redact('x abc-secret y secret'), 'x [LONG] y [SHORT]');
    assert.equal(redactor.redact('abc 123 abc 456'), '[SHORT] [D] [SHORT] [D]');
  });

  it('skips rules whose trigger is absent and returns the same string', () => {
    seen.length = 0;
    const text = 'nothing to see here, only words';
    assert.equal(redactor.redact(text), text);
    assert.deepEqual(seen, []);
    assert.equal(redactor.mayMatch(text), false);
    assert.equal(redactor.mayMatch('a 123'), true);
  });

  it('applies the configured patterns and counts them in mayMatch', () => {
    assert.equal(redactor.mayMatch('wzzzw'), true);
    assert.equal(redactor.redact('wzzzw 999'), 'w[Z]w [D]');
  });

  it('refuses a trigger with a capture group', () => {
    assert.throws(() => createTextRedactor([regexRule('bad', '(a)', /a/g, 'b')], []), /must not capture/);
  });
});
