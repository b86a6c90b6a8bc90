import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Attributes } from '@agent-trace/schema';
import { FakeSecrets } from '../privacy/test/fake-secrets.js';
import { createBatchRedactor, type BatchRedactionOptions } from './redact.js';
import { testSession, testSpan, T0 } from './test/spans.js';

const fake = new FakeSecrets(7);
const KEY = fake.anthropic();
const ROOT = '/home/ana/shop';
const base: BatchRedactionOptions = { tier: 1, salt: 'salt-one' };

const editCall = (extra: Attributes = {}) =>
  testSpan('s1', 'edit', {
    toolName: 'Edit',
    statusMessage: `failed with key ${KEY}`,
    attributes: {
      'content.tool_input': JSON.stringify({ file_path: `${ROOT}/src/app.ts`, old_string: 'const a = 1;', new_string: `const key = "${KEY}";` }),
      'content.tool_result': `The file ${ROOT}/src/app.ts has been updated`,
      'content.prompt': `please use ${KEY} and mail ana@example.com`,
      'error.message': `denied for ana@example.com`,
      'tool.file_path': `${ROOT}/src/app.ts`,
      'user.email': 'ana@example.com',
      'gen_ai.usage.input_tokens': 12,
      ...extra,
    },
    events: [{ name: 'done', timeNs: T0, attributes: { 'content.tool_result': 'event result', 'http.request.header.authorization': 'Bearer abc' } }],
  });

const run = (options: Partial<BatchRedactionOptions>) =>
  createBatchRedactor({ ...base, ...options })({ sessions: [testSession('s1', { cwd: ROOT, userHash: 'ana' })], spans: [editCall()] });

describe('batch redaction', () => {
  it('tier 1 keeps metadata only, and redacts the metadata', () => {
    const out = run({ tier: 1 });
    const span = out.spans?.[0];
    assert.ok(span);
    assert.deepEqual(
      Object.keys(span.attributes).filter((k) => k.startsWith('content.')),
      [],
    );
    assert.deepEqual(span.events[0]?.attributes, { 'http.request.header.authorization': '[REDACTED]' });
    assert.equal(span.statusMessage, 'failed with key [API_KEY]');
    assert.equal(span.attributes['error.message'], 'denied for [EMAIL]');
    assert.equal(span.attributes['tool.file_path'], 'src/app.ts');
    assert.match(String(span.attributes['user.email']), /^[0-9a-f]{64}$/);
    assert.equal(span.attributes['gen_ai.usage.input_tokens'], 12);
  });

  it('tier 2 keeps prompts and parameters, redacted, with edits as content hashes and no results', () => {
    const span = run({ tier: 2 }).spans?.[0];
    assert.ok(span);
    assert.equal(span.attributes['content.prompt'], 'please use [API_KEY] and mail [EMAIL]');
    assert.equal(span.attributes['content.tool_result'], undefined);
    const input = JSON.parse(String(span.attributes['content.tool_input'])) as Record<string, string>;
    assert.equal(input['file_path'], 'src/app.ts');
    assert.match(input['old_string'] ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.match(input['new_string'] ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(span.events[0]?.attributes, { 'http.request.header.authorization': '[REDACTED]' });
  });

  it('tier 3 keeps results and code, still redacted', () => {
    const span = run({ tier: 3 }).spans?.[0];
    assert.ok(span);
    assert.equal(span.attributes['content.tool_result'], 'The file src/app.ts has been updated');
    const input = JSON.parse(String(span.attributes['content.tool_input'])) as Record<string, string>;
    assert.equal(input['old_string'], 'const a = 1;');
    assert.equal(input['new_string'], 'const key = "[API_KEY]";');
    assert.equal(span.events[0]?.attributes['content.tool_result'], 'event result');
  });

  it('a call on a sensitive path keeps no content read from it, at any tier', () => {
    for (const [input, path] of [
      [{ file_path: '/home/ana/.ssh/id_ed25519' }, true],
      [{ command: 'cat ~/.aws/credentials' }, false],
      [{ file_path: '/var/secrets/db.txt' }, true],
    ] as const) {
      const out = createBatchRedactor({ ...base, tier: 3, sensitivePaths: ['/var/secrets'] })({
        spans: [testSpan('s2', 'read', { attributes: { 'content.tool_input': JSON.stringify(input), 'content.tool_result': 'PRIVATE BYTES' } })],
      });
      const attrs = out.spans?.[0]?.attributes ?? {};
      assert.equal(attrs['content.tool_result'], undefined, JSON.stringify(input));
      const stored = String(attrs['content.tool_input']);
      assert.ok(stored.includes('[REDACTED_PATH]'), stored);
      if (path) assert.equal((JSON.parse(stored) as Record<string, string>)['file_path'], '[REDACTED_PATH]');
    }
  });

  it('projects and users are salted hashes; names and cwd only on opt-in', () => {
    const a = run({}).sessions?.[0];
    const b = run({ salt: 'salt-two' }).sessions?.[0];
    assert.ok(a && b);
    assert.match(a.projectHash ?? '', /^[0-9a-f]{64}$/);
    assert.notEqual(a.projectHash, b.projectHash);
    assert.notEqual(a.userHash, 'ana');
    assert.equal(a.projectName, null);
    assert.equal(a.cwd, null);
    const named = run({ keepProjectNames: true }).sessions?.[0];
    assert.equal(named?.projectName, 'shop');
    assert.equal(named?.cwd, ROOT);
    assert.equal(named?.projectHash, a.projectHash);
  });

  it('configured keys, paths and patterns apply; logs and metric labels are redacted too', () => {
    const redact = createBatchRedactor({ ...base, tier: 2, secretKeyNames: ['pin'], patterns: [{ name: 'ticket', regex: 'TICKET-\\d+' }] });
    const out = redact({
      logs: [
        {
          id: 'l',
          timeNs: T0,
          level: 'info',
          component: 'c',
          eventName: null,
          sessionId: null,
          traceId: null,
          spanId: null,
          body: `see TICKET-42 with ${KEY}`,
          fields: { pin: '1234', 'content.prompt': 'x', 'content.response': 'y' },
        },
      ],
      metrics: [{ name: 'm', kind: 'counter', value: 1, labels: { 'user.email': 'ana@example.com', note: `k ${KEY}` }, timeNs: T0, sessionId: null }],
    });
    assert.equal(out.logs?.[0]?.body, 'see [REDACTED] with [API_KEY]');
    assert.deepEqual(out.logs?.[0]?.fields, { pin: '[REDACTED]', 'content.prompt': 'x' });
    const labels = out.metrics?.[0]?.labels ?? {};
    assert.match(labels['user.email'] ?? '', /^[0-9a-f]{64}$/);
    assert.equal(labels['note'], 'k [API_KEY]');
  });
});
