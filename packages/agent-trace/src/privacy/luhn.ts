/** The Luhn checksum every payment card number satisfies (and about 90% of random digit runs do not). */
export const passesLuhn = (digits: string): boolean => {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
};

/**
 * Issuer prefixes of the card networks (Visa 4; Mastercard 51–55 and 2221–2720; Amex 34, 37;
 * Diners 30, 36, 38; JCB 35; Discover and UnionPay 6). Requiring one keeps epoch-millisecond and
 * nanosecond timestamps (which start with 1) from being taken for cards when they pass Luhn.
 */
const ISSUER = /^(?:4|5[1-5]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|3[0456789]|6)/;

/**
 * Written card numbers are either one run of digits or groups split by one kind of separator,
 * the first group of four (4-4-4-4, 4-6-5, 4-4-4-4-3). Anything else (a list of small numbers,
 * a phone number) is not a card even when its digits pass Luhn.
 */
const GROUPED = /^\d{4}([ -])\d{4,6}(?:\1\d{3,5}){1,2}(?:\1\d{1,4})?$/;

/** True when `text` as a whole is shaped like a card number, has an issuer prefix and passes Luhn. */
export const isCardNumber = (text: string): boolean => {
  const digits = text.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  if (digits.length !== text.length && !GROUPED.test(text)) return false;
  return ISSUER.test(digits) && passesLuhn(digits);
};

/**
 * How many leading characters of `text` (digits with optional spaces or dashes) form a card
 * number, 0 when none do. A grouped number followed by more digits ("4111 1111 1111 1111 12",
 * the expiry after the number) is found by dropping trailing groups until the rest is a card.
 */
export const cardPrefixLength = (text: string): number => {
  if (isCardNumber(text)) return text.length;
  for (let end = text.length - 1; end > 0; end--) {
    const c = text.charCodeAt(end);
    if (c !== 32 && c !== 45) continue;
    const head = text.slice(0, end);
    if (isCardNumber(head)) return head.length;
  }
  return 0;
};
