// Identifiers shaped like the ones Claude Code and the Anthropic API write.

const HEX = '0123456789abcdef';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const chars = (rng, alphabet, n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[rng.uint32() % alphabet.length];
  return s;
};

/** RFC 4122 version-4 layout. */
export const uuid = (rng) => {
  const h = chars(rng, HEX, 32);
  const variant = HEX[8 + (rng.uint32() % 4)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

export const messageId = (rng) => `msg_01${chars(rng, BASE58, 22)}`;
export const requestId = (rng) => `req_011C${chars(rng, BASE58, 20)}`;
export const toolUseId = (rng) => `toolu_01${chars(rng, BASE58, 22)}`;
export const agentId = (rng) => chars(rng, HEX, 8);
export const hex = (rng, n) => chars(rng, HEX, n);

/** Thinking-block signatures are long opaque base64 strings. */
export const signature = (rng, n) => `${chars(rng, BASE64, n - (n % 4))}`;
