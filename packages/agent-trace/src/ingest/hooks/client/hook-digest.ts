import type * as NodeCrypto from 'node:crypto';
import { sha256Bytes } from '../../../util/sha256.js';

/**
 * Up to this many bytes of payload JSON the digest is computed in JavaScript (util/sha256.ts), past it with
 * node:crypto. Measured on the bench machine, in a fresh process (medians of 15): loading node:crypto and hashing
 * ~3.1 ms whatever the size; the JavaScript digest 0.6 ms at 600 bytes, 0.7 ms at 2 KiB, 1.4 ms at 3 KiB, then
 * ~4.4 ms from 3.5 KiB, where V8 starts optimizing it on another thread (of two shared cores) and the process
 * waits for that before it can exit. Most hook payloads without large tool output are under 2 KiB.
 */
export const JS_DIGEST_MAX_BYTES = 2048;

/**
 * node:crypto, through `require` where there is one: the hook's CommonJS bundle runs compiled by node:vm
 * (cli/hook-loader.ts), where `import()` has no loader to call; and in CommonJS, `import()` of a built-in starts
 * the ES-module loader first, ~3 ms more than require (measured on the bench machine).
 */
const loadCrypto = async (): Promise<typeof NodeCrypto> =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  typeof require === 'function' ? (require('node:crypto') as typeof NodeCrypto) : import('node:crypto');

/**
 * payloadDigest (payload-digest.ts) for the hook process: the same SHA-256 of the re-serialised payload, without
 * loading node:crypto for a payload of a few kilobytes. hook-digest.test.ts checks both agree.
 */
export const hookPayloadDigest = async (payload: unknown): Promise<string> => {
  const bytes = Buffer.from(JSON.stringify(payload) ?? '', 'utf8');
  if (bytes.length <= JS_DIGEST_MAX_BYTES) return sha256Bytes(bytes);
  const { createHash } = await loadCrypto();
  return createHash('sha256').update(bytes).digest('hex');
};
