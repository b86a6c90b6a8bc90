import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WireReader } from './wire-reader.js';

/** Length-prefixed fields (a one- or two-byte varint length, then the bytes), back to back. */
const fields = (...parts: Buffer[]): Buffer =>
  Buffer.concat(parts.flatMap((p) => [p.length < 128 ? Buffer.from([p.length]) : Buffer.from([(p.length & 0x7f) | 0x80, p.length >> 7]), p]));

/** The key hash of WireReader.key, to build two keys that land in the same slot. */
const slotOf = (s: string): number => {
  let hash = s.length;
  for (let i = 0; i < s.length; i++) hash = (Math.imul(hash, 31) + s.charCodeAt(i)) | 0;
  return hash & 1023;
};

const samples: Buffer[] = [
  Buffer.alloc(0),
  Buffer.from('gen_ai.operation.name'),
  Buffer.from('x'.repeat(64)),
  Buffer.from('y'.repeat(65)),
  Buffer.from('a\u0000b\u007f'),
  Buffer.from('café ☕ 𝄞'),
  Buffer.from('long ' + 'é'.repeat(80)),
  Buffer.from([0x61, 0xff, 0x62]),
  Buffer.from([0xc3]),
  Buffer.from([0x80, 0x81, 0xfe]),
  Buffer.from([0xe2, 0x82]),
];

describe('WireReader strings', () => {
  it('string() and key() read exactly what UTF-8 decoding reads, ASCII or not, short or long, valid or not', () => {
    const body = fields(...samples, ...samples);
    for (const method of ['string', 'key'] as const) {
      const r = new WireReader(body);
      for (const expected of [...samples, ...samples]) assert.equal(r[method](), expected.toString('utf8'), `${method} ${expected.toString('hex')}`);
      assert.equal(r.more(), false);
    }
  });

  it('key() returns the remembered string only for the very same bytes: repeats, same length, same slot', () => {
    // Two-character keys of printable ASCII: 9,025 of them over 1,024 slots, so another one shares a0's slot.
    const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    const other = [...chars].flatMap((x) => [...chars].map((y) => x + y)).find((k) => k !== 'a0' && slotOf(k) === slotOf('a0'));
    assert.ok(other !== undefined);
    const keys = ['a0', 'a0', other, 'a0', 'a1', 'a0', other, other, 'é', 'a0'];
    const r = new WireReader(fields(...keys.map((k) => Buffer.from(k))));
    for (const k of keys) assert.equal(r.key(), k);
  });

  it('hex() writes lowercase hex of any length', () => {
    const ids = [Buffer.alloc(0), Buffer.from('0123456789abcdef', 'hex'), Buffer.from('00ff10ab'.repeat(4), 'hex'), Buffer.alloc(100, 0xab)];
    const r = new WireReader(fields(...ids));
    for (const id of ids) assert.equal(r.hex(), id.toString('hex'));
  });

  it('a string that runs past the end is still an error naming the message', () => {
    const r = new WireReader(Buffer.from([10, 0x61, 0x62]));
    assert.throws(() => r.key(), /runs past the end in request/);
  });
});
