import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRedactor } from './redactor.js';

const redactor = createRedactor();

type Row = [input: string, expected: string];
const table = (rows: Row[]): void => {
  for (const [input, expected] of rows) it(JSON.stringify(input).slice(0, 90), () => assert.equal(redactor.redactString(input), expected));
};
const unchanged = (inputs: string[]): void => table(inputs.map((s) => [s, s]));

describe('emails → [EMAIL]', () => {
  table([
    ['ana@example.com', '[EMAIL]'],
    ['Contact: Ana Smith <ana.smith+shop@mail.example.co.uk>.', 'Contact: Ana Smith <[EMAIL]>.'],
    ['"author": "Bob <bob_99@corp-mail.io>"', '"author": "Bob <[EMAIL]>"'],
    ['mailto:x@y.org?subject=hi', 'mailto:[EMAIL]?subject=hi'],
  ]);
  unchanged([
    'git@github.com:org/repo.git',
    'icon@2x.png and logo@3x.webp',
    'npm i lodash@4.17.21 @types/node@20.1.0',
    '@Component decorators and @property',
    'user@localhost',
    'an @ sign alone',
  ]);
});

describe('US SSNs → [SSN]', () => {
  table([
    ['123-45-6789', '[SSN]'],
    ['ssn: 078-05-1120.', 'ssn: [SSN].'],
    ['(665-01-0001)', '([SSN])'],
  ]);
  unchanged([
    '000-12-3456', // area 000
    '666-12-3456', // area 666
    '912-34-5678', // area 9xx
    '123-00-4567', // group 00
    '123-45-0000', // serial 0000
    '2026-11-21', // a date
    '555-123-4567', // a phone number
    '1123-45-67890', // longer runs
    'v123-45-6789x',
  ]);
});

describe('card numbers → [CARD]', () => {
  table([
    ['4111111111111111', '[CARD]'],
    ['card 4111 1111 1111 1111 exp 12/25', 'card [CARD] exp 12/25'],
    ['5500-0000-0000-0004', '[CARD]'],
    ['amex 3782 822463 10005.', 'amex [CARD].'],
    ['4111111111111111 12', '[CARD] 12'],
  ]);
  unchanged([
    '4111111111111112', // fails Luhn
    '1732147200007', // epoch milliseconds passing Luhn
    '1732147200000000007', // nanoseconds passing Luhn
    '0.4111111111111111', // a decimal
    'id 12345678901234567890123', // too long
    'sha a4111111111111111b', // touching letters
    '1 2 3 4 5 6 7 8 9 0 1 2 3',
    'input_tokens: 4111111, output_tokens: 1111111',
  ]);
});
