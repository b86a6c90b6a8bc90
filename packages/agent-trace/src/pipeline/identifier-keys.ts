/**
 * Attribute and label keys that name a person or an account (`user.id`, `user.email`, `user.account_uuid`,
 * `enduser.id`, `organization.id`): their values are stored as salted SHA-256 hashes, so reports can still
 * group by user without the store holding who they are. Compared after dropping `-`, `_`, `.` and case.
 */
const IDENTIFIER_KEYS: ReadonlySet<string> = new Set([
  'userid',
  'useremail',
  'email',
  'username',
  'userlogin',
  'useraccountuuid',
  'useraccountid',
  'accountuuid',
  'accountid',
  'enduserid',
  'organizationid',
  'orgid',
  'hookuserid',
]);

/** Keys whose value is a file or folder path: made relative to the project root, or `[REDACTED_PATH]`. */
const PATH_KEY = /(?:^|[._])(?:file_?path|filepath|path|filename|cwd|dir|directory|notebook_path|transcript_path|worktree_path)$/i;

const normalize = (key: string): string => key.toLowerCase().replace(/[-_.\s]+/g, '');

export type KeyKind = 'identifier' | 'path' | 'other';

/** Attribute keys repeat endlessly across spans; remembering their kind makes the check a Map lookup. */
const CACHE_LIMIT = 10_000;
const kinds = new Map<string, KeyKind>();

export const keyKind = (key: string): KeyKind => {
  let kind = kinds.get(key);
  if (kind === undefined) {
    kind = IDENTIFIER_KEYS.has(normalize(key)) ? 'identifier' : PATH_KEY.test(key) ? 'path' : 'other';
    if (kinds.size >= CACHE_LIMIT) kinds.clear();
    kinds.set(key, kind);
  }
  return kind;
};
