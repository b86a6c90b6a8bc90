export { createRedactor, type ProjectIdentity, type Redactor, type RedactorOptions } from './redactor.js';
export type { ExtraPattern } from './extra-patterns.js';
export { hashContent } from './hashing.js';
export { loadOrCreateSalt, SALT_FILE } from './salt.js';
export { DEFAULT_SECRET_KEY_NAMES } from './secret-keys.js';
export { API_KEY, CARD, EMAIL, REDACTED, REDACTED_PATH, SSN } from './placeholders.js';
