/**
 * Which object keys hold secrets.
 *
 * The rule: lowercase the key and drop every `-`, `_`, `.` and space (`X-Api-Key` → `xapikey`,
 * `client_secret` → `clientsecret`). The key is secret when that form
 *   - ENDS with one of the secret names (`token`, `auth`, `cookie`, `authorization`, … and the
 *     configured extras), so `github_token`, `x-auth-token`, `basic_auth`, `set-cookie` match; or
 *   - CONTAINS one of the unambiguous names (`password`, `passwd`, `secret`, `credential`, `apikey`,
 *     `privatekey`), so `secret_access_key`, `password_hash`, `api_key_id` match.
 * Because the ambiguous names only count at the end, plurals and qualifiers stay metadata:
 * `tokens`, `input_tokens`, `max_tokens`, `cache_read_input_tokens`, `token_count`, `author`,
 * `authored_by`, `auth_method` do not match. A singular count name such as `input_token` would;
 * agents' usage fields are plural, and a false positive here only hides a number.
 */
export const DEFAULT_SECRET_KEY_NAMES: readonly string[] = [
  'password',
  'passwd',
  'api_key',
  'apikey',
  'token',
  'secret',
  'credential',
  'credentials',
  'auth',
  'authorization',
  'private_key',
  'access_token',
  'refresh_token',
  'cookie',
];

/** Names that mean "secret" wherever they appear inside a key. */
export const CONTAINED_SECRET_NAMES: readonly string[] = ['password', 'passwd', 'secret', 'credential', 'api_key', 'private_key'];

export const normalizeKey = (key: string): string => key.toLowerCase().replace(/[-_.\s]+/g, '');

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Keys repeat endlessly across events; remembering the answer makes the check a Map lookup. */
const CACHE_LIMIT = 10_000;

export type SecretKeyMatcher = (key: string) => boolean;

export const createSecretKeyMatcher = (extraNames: readonly string[] = []): SecretKeyMatcher => {
  const ending = [...new Set([...DEFAULT_SECRET_KEY_NAMES, ...extraNames].map(normalizeKey).filter((n) => n !== ''))];
  const source = `(?:${ending.map(escapeRegex).join('|')})$|${CONTAINED_SECRET_NAMES.map(normalizeKey).join('|')}`;
  const pattern = new RegExp(source);
  const cache = new Map<string, boolean>();
  return (key) => {
    const known = cache.get(key);
    if (known !== undefined) return known;
    const secret = pattern.test(normalizeKey(key));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, secret);
    return secret;
  };
};
