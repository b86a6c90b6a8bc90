import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttrValue } from '@agent-trace/schema';
import { createRedactor } from './redactor.js';
import { FakeSecrets } from './test/fake-secrets.js';

const redactor = createRedactor({ projectRoot: '/home/ana/shop' });
const fake = new FakeSecrets(3);

describe('redactValue', () => {
  it('returns the very same object when nothing changes', () => {
    const value = { a: 1, b: ['x', { c: true, d: null }], input_tokens: 10, text: 'plain text of a tool result' };
    assert.equal(redactor.redactValue(value), value);
    const attrs = { 'gen_ai.usage.input_tokens': 5, 'tool.name': 'Read' };
    assert.equal(redactor.redactAttributes(attrs), attrs);
  });

  it('copies only what changed and never mutates the input', () => {
    const inner = { keep: 'me' };
    const value = { a: inner, b: { password: 'hunter2' }, list: ['ok', 'mail ana@example.com'] };
    const snapshot = structuredClone(value);
    const out = redactor.redactValue(value) as Record<string, AttrValue>;
    assert.deepEqual(value, snapshot);
    assert.deepEqual(out, { a: { keep: 'me' }, b: { password: '[REDACTED]' }, list: ['ok', 'mail [EMAIL]'] });
    assert.equal(out['a'], inner);
  });

  it('hides the whole value of a secret key, whatever its type', () => {
    assert.deepEqual(
      redactor.redactValue({ credentials: { user: 'a', pass: 'b' }, token: 123456, tokens: 99, auth: null, cookie: true, apiKey: ['a'] }),
      { credentials: '[REDACTED]', token: '[REDACTED]', tokens: 99, auth: null, cookie: true, apiKey: '[REDACTED]' },
    );
    assert.equal(redactor.redactValue('abc', 'X-Api-Key'), '[REDACTED]');
    assert.equal(redactor.redactValue('abc', 'x-request-id'), 'abc');
  });

  it('redacts JSON inside strings and writes it back in the same layout', () => {
    const compact = JSON.stringify({ api_key: 'k', n: 1 });
    assert.equal(redactor.redactValue(compact), '{"api_key":"[REDACTED]","n":1}');
    const pretty = JSON.stringify({ nested: JSON.stringify({ secret: 's', path: '/home/ana/shop/a.ts' }) }, null, 2);
    assert.equal(
      redactor.redactValue(pretty),
      JSON.stringify({ nested: JSON.stringify({ secret: '[REDACTED]', path: 'a.ts' }) }, null, 2),
    );
    const unchanged = JSON.stringify({ a: 'nothing to see', b: [1, 2] });
    assert.equal(redactor.redactValue(unchanged), unchanged);
  });

  it('keeps long integers exact by redacting such JSON as text', () => {
    const text = '{"ts":1732147200000000001,"password":"hunter2"}';
    assert.equal(redactor.redactString(text), '{"ts":1732147200000000001,"password":"[REDACTED]"}');
  });

  it('treats text that only looks like JSON as text', () => {
    assert.equal(redactor.redactString('[not json] token=abc123 [x]'), '[not json] token=[REDACTED] [x]');
  });

  it('leaves numbers, booleans, null and non-plain objects alone', () => {
    const date = new Date(0);
    assert.equal(redactor.redactValue(4111111111111111), 4111111111111111);
    assert.equal(redactor.redactValue(true), true);
    assert.equal(redactor.redactValue(null), null);
    assert.equal(redactor.redactValue(date as unknown as AttrValue), date);
    assert.ok(Number.isNaN(redactor.redactValue(Number.NaN)));
  });

  it('does not let a __proto__ key change the copy', () => {
    const parsed = JSON.parse('{"__proto__":{"x":1},"password":"p"}') as AttrValue;
    const out = redactor.redactValue(parsed) as Record<string, AttrValue>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out), ['__proto__', 'password']);
    assert.equal(out['password'], '[REDACTED]');
  });

  it('replaces whatever lies deeper than the depth limit', () => {
    let deep: AttrValue = fake.openai();
    for (let i = 0; i < 100; i++) deep = { d: deep };
    const out = JSON.stringify(redactor.redactValue(deep));
    assert.ok(!out.includes('sk-'));
    assert.ok(out.includes('[REDACTED]'));
  });

  it('redactAttributes keeps keys and redacts values', () => {
    assert.deepEqual(
      redactor.redactAttributes({
        'http.request.header.authorization': 'Basic abc',
        'user.email': 'ana@example.com',
        'gen_ai.usage.output_tokens': 12,
        'content.tool_input': JSON.stringify({ file_path: '/home/ana/shop/src/a.ts', command: `export HF_TOKEN=${fake.huggingFace()}` }),
      }),
      {
        'http.request.header.authorization': '[REDACTED]',
        'user.email': '[EMAIL]',
        'gen_ai.usage.output_tokens': 12,
        'content.tool_input': JSON.stringify({ file_path: 'src/a.ts', command: 'export HF_TOKEN=[API_KEY]' }),
      },
    );
  });
});

describe('large texts remembered with their redaction', () => {
  it('a repeated large text (a new string with the same content) gets the same result as the first time and as a fresh redactor', () => {
    const texts = [
      `${'const x = 1;\n'.repeat(300)}mail ana@example.com password=hunter2 /home/ana/shop/src/a.ts\n`,
      `${'plain line of output\n'.repeat(200)}`,
      `${'Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789\n'.repeat(60)}`,
    ];
    for (const text of texts) {
      assert.ok(text.length >= 2048, 'long enough to be remembered');
      const first = redactor.redactString(text);
      const again = redactor.redactString([...text].join('')); // equal content, another string
      assert.equal(again, first);
      assert.equal(createRedactor({ projectRoot: '/home/ana/shop' }).redactString(text), first);
      assert.deepEqual(redactor.redactValue({ 'content.tool_result': text }), text === first ? { 'content.tool_result': text } : { 'content.tool_result': first });
    }
    assert.notEqual(redactor.redactString(texts[0]!), texts[0], 'the first text holds findings');
    // Redactors of two project roots never share what they remember: paths are made relative to each root.
    const path = `${'x'.repeat(2100)} /home/ana/other/file.ts`;
    assert.notEqual(redactor.redactString(path), createRedactor({ projectRoot: '/home/ana/other' }).redactString(path));
  });
});
