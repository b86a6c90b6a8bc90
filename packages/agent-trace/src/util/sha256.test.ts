import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { sha256Bytes, sha256Text } from './sha256.js';

const reference = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

describe('sha256 in JavaScript', () => {
  it('matches node:crypto at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 300; length++) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 131 + length) & 0xff);
      assert.equal(sha256Bytes(bytes), reference(bytes), `length ${length}`);
    }
  });

  it('matches node:crypto on known vectors, a large input and seeded random ones', () => {
    assert.equal(sha256Text(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(sha256Text('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const big = new Uint8Array(1_000_003).map((_, i) => (i * 7919) & 0xff);
    assert.equal(sha256Bytes(big), reference(big));
    let state = 12345;
    for (let n = 0; n < 200; n++) {
      state = (state * 1103515245 + 12345) >>> 0;
      const bytes = new Uint8Array(state % 5000).map(() => (state = (state * 1103515245 + 12345) >>> 0) >>> 24);
      assert.equal(sha256Bytes(bytes), reference(bytes));
    }
  });

  it('encodes text as node:crypto does, lone surrogates included', () => {
    for (const text of ['é', '😀 and ü', 'x\ud800y', '\udc00', 'a\u0000b', '\u212a'.repeat(100)]) assert.equal(sha256Text(text), reference(text), JSON.stringify(text));
  });
});
