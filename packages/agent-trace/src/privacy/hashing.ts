import { createHash } from 'node:crypto';
import { AgentTraceError } from '../errors.js';

/** `sha256:<hex>` of a text: how an edit's old and new strings are stored at tier 2. */
export const hashContent = (text: string): string => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

export type IdentifierHasher = (value: string) => string;

/**
 * SHA-256 hex of salt + value, for user and project identifiers. The per-install salt keeps the
 * hashes from being reversed by hashing a list of likely names.
 */
export const createIdentifierHasher = (salt: Uint8Array | string | undefined): IdentifierHasher => {
  if (salt === undefined || salt.length === 0) {
    return () => {
      throw new AgentTraceError('internal', 'hashIdentifier needs a salt: pass `salt` (see loadOrCreateSalt) to createRedactor');
    };
  }
  const saltBytes = typeof salt === 'string' ? Buffer.from(salt, 'utf8') : salt;
  return (value) => createHash('sha256').update(saltBytes).update(value, 'utf8').digest('hex');
};
