import type { AttrValue } from '@agent-trace/schema';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stripContent } from '../ingest/hooks/content-fields.js';
import { createRedactor, type RedactorOptions } from '../privacy/index.js';
import { FakeSecrets } from '../privacy/test/fake-secrets.js';
import { fixturesDir } from '../test-support/paths.js';
import { plantHookPayloads, type Planted } from './conformance/plant.js';
import { createSecretKeyMatcher } from '../privacy/secret-keys.js';
import { CORRELATION_FIELDS, PLAIN_HOOK_KEYS, redactSpoolPayload } from './spool-redaction.js';

/** What the spool redaction was before its lazy rule set: the full redactor on every field but the correlation ones. */
const reference = (payload: Record<string, unknown>, options: RedactorOptions = {}): Record<string, unknown> => {
  const redactor = createRedactor(options);
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, CORRELATION_FIELDS.has(k) ? v : redactor.redactValue(v as AttrValue, k)]));
};

const fixtures = (): Array<Record<string, unknown>> => {
  const dir = join(fixturesDir, 'hooks', 'claude-code');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>);
};

/** Metadata-shaped payloads whose values are tokens, near misses and secrets, in the places a payload has them. */
const synthetic = (): Array<Record<string, unknown>> => {
  const fake = new FakeSecrets(3);
  const values = [
    'default', 'Bash', 'general-purpose', 'claude-opus-4-1-20250805', 'task-42', 'ab', 'mcp__github__create_issue', '123-45-6789',
    '4111 1111 1111 1111', '4111111111111111', `xoxb${'-1'}-2`, fake.awsKeyId(), fake.stripe(), fake.github(), fake.npm(),
    fake.huggingFace(), fake.gitlab(), fake.google(), fake.anthropic(), fake.jwt(), `Bearer ${fake.openai()}`, fake.pem(),
    'free text', '/home/ana/.ssh/id_rsa', '~/.aws/credentials', 'C:\\Users\\ana\\x', '.env.local', 'ana@example.com',
    `password=${fake.password()}`, `{"token": "${fake.password()}", "n": 1}`, `["${fake.awsKeyId()}"]`, 'postgres://u:p4ss@db:5432/x',
  ];
  return values.map((v, i) => ({
    session_id: v,
    hook_event_name: 'PreToolUse',
    cwd: v,
    permission_mode: v,
    tool_name: v,
    api_key: v,
    nested: { model: v, list: [v, i, null, true, { name: 'Authorization', value: v }], secret_name: v },
  }));
};

describe('redactSpoolPayload', () => {
  it('takes for plain only keys the secret key matcher calls plain', () => {
    const isSecretKey = createSecretKeyMatcher();
    assert.ok(PLAIN_HOOK_KEYS.size > 40);
    for (const key of PLAIN_HOOK_KEYS) assert.equal(isSecretKey(key), false, key);
  });

  it('equals the full redactor on every hook fixture, as sent and stripped', () => {
    for (const payload of fixtures()) {
      assert.deepEqual(redactSpoolPayload(payload), reference(payload));
      assert.deepEqual(redactSpoolPayload(stripContent(payload)), reference(stripContent(payload)));
    }
  });

  it('equals the full redactor on the conformance suite’s planted payloads and on synthetic ones', () => {
    const planted: Planted = { secrets: [], markers: [] };
    const payloads = [...plantHookPayloads(planted, 'spool'), ...synthetic()];
    let changed = 0;
    for (const payload of payloads) {
      for (const p of [payload, stripContent(payload)]) {
        const expected = reference(p);
        assert.deepEqual(redactSpoolPayload(p), expected);
        if (JSON.stringify(expected) !== JSON.stringify(p)) changed++;
      }
    }
    assert.ok(changed > 40, `only ${changed} payloads changed`);
  });

  it('with options, equals the full redactor built with them', () => {
    const options = { projectRoot: '/home/ana/shop', secretKeyNames: ['pin'], sensitivePaths: ['*.pem'] };
    for (const payload of [...fixtures(), ...synthetic()]) assert.deepEqual(redactSpoolPayload(payload, options), reference(payload, options));
  });
});
