import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRedactor } from './redactor.js';
import { FakeSecrets } from './test/fake-secrets.js';

const redactor = createRedactor();
const fake = new FakeSecrets(11);

type Row = [input: string, expected: string];
const table = (rows: Row[]): void => {
  for (const [input, expected] of rows) it(JSON.stringify(input).slice(0, 90), () => assert.equal(redactor.redactString(input), expected));
};

describe('PEM private keys → [REDACTED]', () => {
  const pem = fake.pem();
  table([
    [pem, '[REDACTED]'],
    [`key:\n${pem}\nend`, 'key:\n[REDACTED]\nend'],
    [pem.replace(/\n/g, '\\n'), '[REDACTED]'], // as escaped inside JSON text
    [pem.replace(/RSA /g, 'OPENSSH '), '[REDACTED]'],
    [pem.replace(/RSA /g, 'ENCRYPTED '), '[REDACTED]'],
    [pem.replace(/RSA /g, ''), '[REDACTED]'],
    [`before ${pem.slice(0, 60)}`, 'before [REDACTED]'], // cut off before END
  ]);
  table([
    ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'],
    ['-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----', '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----'],
  ]);
});

describe('connection string passwords → [REDACTED]', () => {
  table([
    ['postgres://app:s3cret@db.internal:5432/shop', 'postgres://app:[REDACTED]@db.internal:5432/shop'],
    ['DATABASE_URL="mysql://root:p%40ss@127.0.0.1/x"', 'DATABASE_URL="mysql://root:[REDACTED]@127.0.0.1/x"'],
    ['redis://:only-a-password@cache:6379', 'redis://:[REDACTED]@cache:6379'],
    ['mongodb+srv://u:pa@ss@cluster0.example.net/db', 'mongodb+srv://u:[REDACTED]@cluster0.example.net/db'],
    ['https://user:tok123@github.com/org/repo.git', 'https://user:[REDACTED]@github.com/org/repo.git'],
  ]);
  table([
    ['https://example.com:8080/path', 'https://example.com:8080/path'],
    ['ssh://git@github.com/org/repo', 'ssh://git@github.com/org/repo'],
    ['http://localhost:3000/a@b', 'http://localhost:3000/a@b'],
  ]);
});

describe('JWTs → [REDACTED]', () => {
  const jwt = fake.jwt();
  table([
    [jwt, '[REDACTED]'],
    [`token=${jwt}&x=1`, 'token=[REDACTED]&x=1'],
    ['eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0In0.', '[REDACTED]'], // unsigned
  ]);
  table([
    ['eyJhbGciOi is the start of a header', 'eyJhbGciOi is the start of a header'],
    ['version eyJ.1.2', 'version eyJ.1.2'],
    ['a.b.c and foo.bar.baz', 'a.b.c and foo.bar.baz'],
  ]);
});

describe('Bearer tokens → [REDACTED]', () => {
  table([
    ['Bearer abc123def456ghi789', 'Bearer [REDACTED]'],
    ['curl -H "authorization: bearer abc.def-123_456" x', 'curl -H "authorization: [REDACTED]" x'],
    ['headers = {"Authorization": f"Bearer tok_12345678"}', 'headers = {"Authorization": f"Bearer [REDACTED]"}'],
    ['auth BEARER   zz99zz99zz99', 'auth BEARER   [REDACTED]'],
  ]);
  table([
    ['the bearer of bad news', 'the bearer of bad news'],
    ['Bearer authentication is described in RFC 6750', 'Bearer authentication is described in RFC 6750'],
    ['Bearer ${TOKEN}', 'Bearer ${TOKEN}'],
  ]);
});
