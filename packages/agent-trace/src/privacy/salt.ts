import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentTraceError } from '../errors.js';

export const SALT_FILE = 'salt';
const SALT_BYTES = 32;
const SALT_TEXT = /^[0-9a-f]{64}$/;

const readSalt = (path: string): Buffer => {
  const text = readFileSync(path, 'utf8').trim();
  if (!SALT_TEXT.test(text)) {
    throw new AgentTraceError(
      'usage',
      `${path}: the salt file must hold 64 lowercase hex characters (32 bytes); it is damaged. ` +
        'Deleting it creates a new salt, and hashes of users and projects will change.',
    );
  }
  return Buffer.from(text, 'hex');
};

/**
 * The install's 32-byte random salt, kept as hex in `<dataDir>/salt` (mode 0600) and created on
 * first use. Creation uses an exclusive open, so two processes starting together agree on one salt.
 */
export const loadOrCreateSalt = (dataDir: string): Buffer => {
  const path = join(dataDir, SALT_FILE);
  try {
    return readSalt(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const salt = randomBytes(SALT_BYTES);
  try {
    writeFileSync(path, `${salt.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return salt;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readSalt(path);
    throw new AgentTraceError('usage', `cannot create the salt file ${path}: ${(err as Error).message}`, { cause: err });
  }
};
