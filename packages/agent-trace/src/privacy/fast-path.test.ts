import type { AttrValue } from '@agent-trace/schema';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_KEY_RULE, AWS_SECRET_BY_ID_RULE, AWS_SECRET_BY_NAME_RULE } from './api-key-rules.js';
import { BEARER_RULE, CONNECTION_STRING_PASSWORD_RULE, JWT_RULE, PEM_PRIVATE_KEY_RULE } from './credential-rules.js';
import { compileExtraPatterns, type ExtraPattern } from './extra-patterns.js';
import { looksLikeJson, parseJsonText, stringifyLike } from './json-text.js';
import { createKeyValueRegexRules } from './key-value-rules.js';
import { createPathRedaction } from './paths.js';
import { CARD_RULE, EMAIL_RULE, SSN_RULE } from './pii-rules.js';
import { REDACTED } from './placeholders.js';
import { createRedactor, secretKeyTrigger, type RedactorOptions } from './redactor.js';
import { createSecretKeyMatcher, DEFAULT_SECRET_KEY_NAMES } from './secret-keys.js';
import { FakeSecrets, xorshift32 } from './test/fake-secrets.js';

/**
 * The straightforward engine the fast one must agree with: every rule whose trigger occurs in the
 * text is applied to the whole text, in order, then the configured patterns; a string is redacted
 * only when some trigger or pattern occurs in it, and JSON text is parsed only then. No mayChange,
 * no line windows, no lazy gate.
 */
const referenceRedactor = (options: RedactorOptions) => {
  const names = options.secretKeyNames ?? [];
  const isSecretKey = createSecretKeyMatcher(names);
  const paths = createPathRedaction(options.projectRoot ?? null, options.sensitivePaths ?? []);
  const rules = [
    PEM_PRIVATE_KEY_RULE,
    CONNECTION_STRING_PASSWORD_RULE,
    AWS_SECRET_BY_NAME_RULE,
    AWS_SECRET_BY_ID_RULE,
    API_KEY_RULE,
    JWT_RULE,
    BEARER_RULE,
    ...createKeyValueRegexRules(isSecretKey, secretKeyTrigger([...DEFAULT_SECRET_KEY_NAMES, ...names])),
    ...paths.rules,
    EMAIL_RULE,
    SSN_RULE,
    CARD_RULE,
  ].map((rule) => ({ trigger: new RegExp(rule.trigger, 'i'), apply: rule.apply }));
  const extras = compileExtraPatterns(options.patterns ?? []);
  const mayMatch = (text: string): boolean =>
    text.length >= 4 &&
    (rules.some((r) => r.trigger.test(text)) ||
      extras.some((e) => {
        e.regex.lastIndex = 0;
        return e.regex.test(text);
      }));
  const redactText = (text: string): string => {
    const present = rules.map((r) => r.trigger.test(text));
    let out = text;
    rules.forEach((r, i) => {
      if (present[i]) out = r.apply(out);
    });
    for (const e of extras) out = out.replace(e.regex, e.replacement);
    return out;
  };
  const walk = (value: AttrValue, key: string | undefined, depth: number): AttrValue => {
    if (value === null || typeof value === 'boolean' || value === undefined) return value;
    if (key !== undefined && isSecretKey(key)) return REDACTED;
    if (typeof value === 'string') {
      if (!mayMatch(value)) return value;
      if (looksLikeJson(value)) {
        const parsed = parseJsonText(value);
        if (parsed !== undefined) {
          const redacted = walk(parsed as AttrValue, undefined, depth + 1);
          return JSON.stringify(redacted) === JSON.stringify(parsed) ? value : stringifyLike(value, redacted);
        }
      }
      return redactText(value);
    }
    if (typeof value !== 'object') return value;
    if (depth > 64) return REDACTED;
    if (Array.isArray(value)) return value.map((v) => walk(v, undefined, depth + 1));
    const out: Record<string, AttrValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v as AttrValue, k, depth + 1);
    return out;
  };
  return { redactString: (s: string) => walk(s, undefined, 0) as string, redactValue: (v: AttrValue) => walk(v, undefined, 0) };
};

/** A seeded mix of what transcripts hold, with secrets planted in every form the rules know, and near misses. */
const corpus = (seed: number, count: number): string[] => {
  const fake = new FakeSecrets(seed);
  const next = xorshift32(seed);
  const pick = <T>(items: readonly T[]): T => items[next() % items.length] as T;
  const code = [
    'export function cache(name: Response, token: string): Request {',
    '  const tokens = encoder.encode(text);',
    '  if (!auth.isLoggedIn()) throw new Error(`not logged in as ${author.name}`);',
    '  return { ...state, max_tokens: 4096, temperature: 0.2 };',
    "import { readFileSync } from 'node:fs';",
    '  const token = await sizePage.dirSize(result, { items: 3 });',
    '  at Object.<anonymous> (/home/dev/shop/src/a.ts:12:5)',
    '+ lodash@4.17.21 added 12 packages in 2.1s',
    '{"input_tokens":12,"output_tokens":40,"cache_read_input_tokens":9000}',
    'Author: Dev <dev@users.noreply.github.com>',
    '     12→  const auth = createAuth();',
    '  background: #1a2b3c; border: 1px solid #ff00aa;',
    'see https://example.com/docs?page=2 and ftp://files.example.com/x',
    '"a":',
    '',
  ];
  const secret = (): string =>
    pick([
      () => `export ANTHROPIC_API_KEY=${fake.anthropic()}`,
      () => `OPENAI_API_KEY=${fake.openaiProject()}`,
      () => `token = "${fake.github()}"`,
      () => `aws_access_key_id = ${fake.awsKeyId()}\naws_secret_access_key = ${fake.awsSecret()}`,
      () => `${fake.awsKeyId()},${fake.awsSecret()}`,
      () => `DATABASE_URL=postgres://app:${fake.password()}@db.internal:5432/shop`,
      () => `curl -H "Authorization: Bearer ${fake.openai()}" https://api.example.com`,
      () => `contact: a.b@example.com, card 4111 1111 1111 1111, ssn 123-45-6789`,
      () => 'cat /home/dev/.ssh/id_rsa ~/.aws/credentials C:\\Users\\bob\\x.txt /etc/passwd .env.local',
      () => `"password": "${fake.password()}"`,
      () => `"token"\n  : "${fake.password()}"`,
      () => `"a":\n"token": "${fake.password()}"`,
      () => `{\\"client_secret\\":\\"${fake.password()}\\"}`,
      () => `"a_p_i_key": "${fake.password()}", a_p_i_key=${fake.password()}`,
      () => `to\u212Aen=${fake.password()}`,
      () => `db:\n  password: ${fake.password()}\r\n  user: x`,
      () => `-H 'X-Api-Key: ${fake.password()}'`,
      () => `mysql --password=${fake.password()} -u root`,
      () => `?access_token=${fake.password()}&page=2`,
      () => `const pem = \`${fake.pem()}\``,
      () => fake.jwt(),
      () => `${fake.google()} ${fake.gitlab()} ${fake.slack()} ${fake.slackWebhook()} ${fake.stripe()} ${fake.npm()} ${fake.huggingFace()}`,
      () => `${fake.githubPat()} ${fake.awsSessionKeyId()}`,
      () => '4111 /home/dev/shop/111111 1111111 and 12 /home/dev/shop/3-45-6789',
      () => `https://x.example.com/a?key=${fake.password()}&sig=abc`,
      () => `"pin": 1234, "max_tokens": 5, "x-my-key": "${fake.password()}"`,
    ])();
  const strings: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = next() % 10;
    if (kind < 5) {
      const lines: string[] = [];
      const n = 1 + (next() % 30);
      for (let j = 0; j < n; j++) lines.push(next() % 6 === 0 ? secret() : pick(code));
      strings.push(lines.join(next() % 4 === 0 ? '\r\n' : '\n'));
    } else if (kind < 7) {
      const doc: Record<string, unknown> = { id: `r${next()}`, usage: { input_tokens: next() % 9000 }, files: ['/home/dev/shop/src/a.ts', 'src/b.ts'] };
      if (next() % 2 === 0) doc['env'] = { API_TOKEN: secret(), note: secret() };
      if (next() % 3 === 0) doc['nested'] = JSON.stringify({ password: fake.password(), text: secret() });
      strings.push(JSON.stringify(doc, null, next() % 2 === 0 ? 2 : undefined));
    } else if (kind < 8) {
      strings.push(`data:image/png;base64,${fake.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 2000 + (next() % 3000))}`);
    } else if (kind < 9) {
      strings.push(secret());
    } else {
      strings.push(pick(['Read', 'success', '/home/dev/shop/src/x.ts', 'claude-sonnet-4-5', `${next()}`, 'tokens', 'ok']));
    }
  }
  return strings;
};

const OPTIONS: RedactorOptions[] = [
  { projectRoot: '/home/dev/shop', salt: 's' },
  { salt: 's' },
  {
    projectRoot: 'C:\\code\\shop',
    salt: 's',
    secretKeyNames: ['x-my-key', 'pin'],
    sensitivePaths: ['*.pem'],
    patterns: [{ name: 'url', regex: '([?&;](?:key|sig)=)[^&#\\s"\'<>]+', replacement: '$1[REDACTED]', flags: 'i' }] as ExtraPattern[],
  },
  // A configured name that is not ASCII: the key=value rules then run without their line pre-filter.
  { salt: 's', secretKeyNames: ['clé'] },
];

describe('the fast redaction path agrees with the straightforward one', () => {
  for (const [i, options] of OPTIONS.entries()) {
    it(`strings and values, options #${i}`, () => {
      const fast = createRedactor(options);
      const reference = referenceRedactor(options);
      let changed = 0;
      for (const text of corpus(1000 + i, 600)) {
        const expected = reference.redactString(text);
        assert.equal(fast.redactString(text), expected, JSON.stringify(text).slice(0, 300));
        if (expected !== text) changed++;
        const value = { text, nested: [text, { token: 'x', note: text }] };
        assert.deepEqual(fast.redactValue(value), reference.redactValue(value));
      }
      // The corpus must exercise the rules, not only the pre-filters.
      assert.ok(changed > 150, `only ${changed} strings changed`);
    });
  }

  it('no code unit lowercases to an ASCII letter but its own two cases and the Kelvin sign (the key pre-filter relies on it)', () => {
    const odd: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const lower of ch.toLowerCase()) {
        if (lower.charCodeAt(0) < 128 && ch !== lower && ch !== lower.toUpperCase()) odd.push(c);
      }
    }
    assert.deepEqual(odd, [0x130, 0x212a]);
  });
});
