import { createRedactor, type ExtraPattern, type Redactor } from '../privacy/index.js';

/**
 * URL query parameters that carry credentials under short names the key rules leave alone (`?key=` is Google's
 * API key parameter; signed URLs carry `sig=` / `X-Amz-Signature=`; OAuth redirects a `code=`). Found by the
 * conformance suite: `/api?key=…` in a metric label survived the built-in rules.
 */
export const URL_QUERY_SECRETS: ExtraPattern = {
  name: 'url query credential',
  regex: '([?&;](?:key|sig|signature|code|pwd|pass|x-amz-signature|x-goog-signature|x-amz-security-token)=)[^&#\\s"\'<>]+',
  replacement: '$1[REDACTED]',
  flags: 'i',
};

export interface RedactionRules {
  secretKeyNames: readonly string[];
  sensitivePaths: readonly string[];
  patterns: readonly ExtraPattern[];
  salt: Uint8Array | string;
  keepProjectNames: boolean;
}

/** Projects a long-running collector remembers; past this the cache starts over (each entry is a few compiled regexes). */
const MAX_PROJECTS = 256;
/** Sessions whose project root is remembered, for spans that arrive in a later batch than their session. */
const MAX_SESSIONS = 10_000;

export interface ProjectRedactors {
  /** The redactor for paths under this root (`null`: no project known, paths keep only `~`). */
  forRoot(root: string | null): Redactor;
  /** The redactor of the session's project, when a batch has told us its cwd. */
  forSession(sessionId: string): Redactor;
  rememberSession(sessionId: string, root: string): void;
}

/**
 * One privacy redactor per project root, built once and reused: building one compiles every rule's regex
 * (about 0.3 ms), which per batch would cost more than redacting a small batch.
 */
export const createProjectRedactors = (rules: RedactionRules): ProjectRedactors => {
  const build = (projectRoot: string | null): Redactor =>
    createRedactor({
      secretKeyNames: rules.secretKeyNames,
      sensitivePaths: rules.sensitivePaths,
      patterns: [URL_QUERY_SECRETS, ...rules.patterns],
      projectRoot,
      salt: rules.salt,
      keepProjectNames: rules.keepProjectNames,
    });
  const rootless = build(null);
  const byRoot = new Map<string, Redactor>();
  const sessionRoots = new Map<string, string>();

  const forRoot = (root: string | null): Redactor => {
    if (root === null || root === '') return rootless;
    let redactor = byRoot.get(root);
    if (redactor === undefined) {
      if (byRoot.size >= MAX_PROJECTS) byRoot.clear();
      redactor = build(root);
      byRoot.set(root, redactor);
    }
    return redactor;
  };

  return {
    forRoot,
    forSession: (sessionId) => forRoot(sessionRoots.get(sessionId) ?? null),
    rememberSession(sessionId, root) {
      if (sessionRoots.get(sessionId) === root) return;
      if (sessionRoots.size >= MAX_SESSIONS) sessionRoots.clear();
      sessionRoots.set(sessionId, root);
    },
  };
};
