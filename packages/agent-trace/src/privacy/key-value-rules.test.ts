import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRedactor } from './redactor.js';

const redactor = createRedactor();

type Row = [input: string, expected: string];
const table = (rows: Row[]): void => {
  for (const [input, expected] of rows) it(JSON.stringify(input).slice(0, 90), () => assert.equal(redactor.redactString(input), expected));
};
const unchanged = (inputs: string[]): void => table(inputs.map((s) => [s, s]));

describe('secret keys written in text', () => {
  table([
    // JSON that does not parse (JSONL, truncated) and escaped JSON inside it
    ['{"a":1,"password":"hunter2"}\n{"b":2}', '{"a":1,"password":"[REDACTED]"}\n{"b":2}'],
    ['{"api_key": "abc", "pin": 1234, "max_tokens": 5', '{"api_key": "[REDACTED]", "pin": 1234, "max_tokens": 5'],
    ['{"x":"{\\"client_secret\\":\\"abc\\"}"} trailing', '{"x":"{\\"client_secret\\":\\"[REDACTED]\\"}"} trailing'],
    // code
    ['const password = "hunter2";', 'const password = "[REDACTED]";'],
    ["opts = { token: 'abc', tokens: 5 }", "opts = { token: '[REDACTED]', tokens: 5 }"],
    ['client(api_key="abc")', 'client(api_key="[REDACTED]")'],
    // .env, shell, URLs
    ['DB_PASSWORD=hunter2\nPORT=5432', 'DB_PASSWORD=[REDACTED]\nPORT=5432'],
    ['mysql --password=hunter2 -u root', 'mysql --password=[REDACTED] -u root'],
    ['https://api.example.com/v1?access_token=abc123&page=2', 'https://api.example.com/v1?access_token=[REDACTED]&page=2'],
    // YAML and headers
    ['db:\n  host: x\n  password: hunter2\n', 'db:\n  host: x\n  password: [REDACTED]\n'],
    ['Cookie: session=abc; theme=dark\r\nAccept: */*', 'Cookie: [REDACTED]\r\nAccept: */*'],
    ['curl -H "X-Api-Key: abc123" https://x', 'curl -H "X-Api-Key: [REDACTED]" https://x'],
  ]);
  unchanged([
    '{"max_tokens": 4096, "input_tokens": 12, "author": "ana"}',
    'max_tokens: 4096\noutput_tokens: 10',
    'const tokens = countTokens(text);',
    'token == other',
    'token = getToken()',
    'auth_method: oauth',
    'authored_by=ana',
    'the password is stored hashed',
    'password: [REDACTED]',
  ]);
});
