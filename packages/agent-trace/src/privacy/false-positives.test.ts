import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { createRedactor } from './redactor.js';

const redactor = createRedactor({ projectRoot: '/home/ana/shop' });

/** Deterministic pseudo-random bytes (a SHA-256 chain), so a failure reproduces. */
const bytes = (length: number, seed: string): Buffer => {
  const chunks: Buffer[] = [];
  let block = createHash('sha256').update(seed).digest();
  for (let n = 0; n < length; n += block.length) {
    chunks.push(block);
    block = createHash('sha256').update(block).digest();
  }
  return Buffer.concat(chunks).subarray(0, length);
};

describe('no false positives on ordinary data', () => {
  const cases: Array<[string, string]> = [
    ['git SHA-1', 'commit 3f786850e387550fdab836ed7e6dc881de23001b fixed it'],
    ['git SHA-256', `object ${bytes(32, 'sha').toString('hex')}`],
    ['short SHAs', 'a1b2c3d 4111111 (HEAD -> main, origin/main)'],
    ['UUIDs', 'session 550e8400-e29b-41d4-a716-446655440000 and 12345678-1234-1234-1234-123456789012'],
    ['numbers', 'total 1234567 bytes, 3.14159, -42, 1e10, 0x1F, 123,456,789'],
    ['timestamps', '2026-11-21T10:15:30.123Z 1732147200 1732147200123 1732147200123456789 10:15:30'],
    ['versions', 'node v20.20.2, typescript ~6.0.3, @types/node@^20.19.0, 1.2.3-beta.4+build.5'],
    ['file paths', 'src/privacy/redactor.ts, ./lib/a.js, ../b.ts, /usr/local/bin/node, /tmp/x.json, C:\\Program Files\\x'],
    ['hex colours', 'color: #ff00aa; background: #FFF; border: #1a2b3c4d'],
    ['token counts', '{"input_tokens":1234,"output_tokens":567,"cache_read_input_tokens":89012,"max_tokens":4096}'],
    ['code', 'const tokens = encode(text);\nif (auth.isLoggedIn()) return author.name;\nfor (const key of Object.keys(obj)) {}'],
    ['URLs', 'https://github.com/org/repo/pull/123 and https://example.com:8443/a?b=c&d=e#f'],
    ['phone and dates', 'call 555-123-4567 on 2026-01-15'],
    ['IP addresses', '127.0.0.1:8318 and 10.0.0.255 and ::1'],
    ['markdown', '# Title\n\n- item one\n- **bold** and `code`\n\n| a | b |\n| - | - |'],
    ['data URL image', `data:image/png;base64,${bytes(300_000, 'png').toString('base64')}`],
    ['raw base64 block', bytes(200_000, 'raw').toString('base64').replace(/.{76}/g, '$&\n')],
    ['base64url', bytes(50_000, 'url').toString('base64url')],
    ['hex dump', bytes(50_000, 'hex').toString('hex')],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const out = redactor.redactString(text);
      if (out !== text) {
        const at = [...text].findIndex((c, i) => out[i] !== c);
        assert.fail(`changed at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 50))} → ${JSON.stringify(out.slice(Math.max(0, at - 30), at + 50))}`);
      }
    });
  }

  it('a realistic metadata object comes back as the same object', () => {
    const span = {
      'session.id': '550e8400-e29b-41d4-a716-446655440000',
      'gen_ai.request.model': 'claude-sonnet-4-5-20250929',
      'gen_ai.usage.input_tokens': 1234,
      'gen_ai.usage.cache_read_input_tokens': 98765,
      'tool.name': 'Edit',
      'git.commit': '3f786850e387550fdab836ed7e6dc881de23001b',
      'event.timestamp': '2026-11-21T10:15:30.123Z',
      'agent.version': '2.0.14',
    };
    assert.equal(redactor.redactAttributes(span), span);
  });
});
