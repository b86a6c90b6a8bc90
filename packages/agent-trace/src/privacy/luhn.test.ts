import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardPrefixLength, isCardNumber, passesLuhn } from './luhn.js';

describe('Luhn', () => {
  it('checks the checksum', () => {
    assert.equal(passesLuhn('4111111111111111'), true);
    assert.equal(passesLuhn('79927398713'), true);
    assert.equal(passesLuhn('4111111111111112'), false);
    assert.equal(passesLuhn('12a4'), false);
  });

  const cards = [
    '4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', '5500 0000 0000 0004', '2223000048400011',
    '378282246310005', '3782 822463 10005', '6011111111111117', '3530111333300000', '30569309025904', '4222222222222',
  ];
  const notCards = [
    '4111111111111112', // Luhn fails
    '1732147200007', // epoch milliseconds that pass Luhn: no issuer starts with 1
    '1732147200000000007', // nanoseconds that pass Luhn
    '0000000000000000', // no issuer
    '4111 1111 1111 1111 1111 1', // 21 digits
    '41 11 11 11 11 11 11 11', // not grouped like a card
    '4111-1111 1111-1111', // mixed separators
    '411111111111', // 12 digits
  ];
  for (const c of cards) it(`${c} is a card`, () => assert.equal(isCardNumber(c), true));
  for (const c of notCards) it(`${c} is not`, () => assert.equal(isCardNumber(c), false));

  it('finds a card followed by more digits', () => {
    assert.equal(cardPrefixLength('4111 1111 1111 1111 12'), '4111 1111 1111 1111'.length);
    assert.equal(cardPrefixLength('4111111111111111 12'), 16);
    assert.equal(cardPrefixLength('1234 5678 9012 3456 78'), 0);
  });
});
