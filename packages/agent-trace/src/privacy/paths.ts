import { REDACTED_PATH } from './placeholders.js';
import { ALWAYS, regexRule, type TextRule } from './text-rule.js';

/**
 * Sensitive locations, matched on a path whose separators are `/` and whose home directory
 * prefix is `~`: SSH, cloud and tool credentials under the home directory, the whole of `/etc`,
 * and `.env` files anywhere (`.env`, `.env.local`, `.env.production`; a virtualenv folder named
 * `.env/` is not a file and is kept).
 */
const BUILT_IN_SENSITIVE =
  /^~\/\.(?:ssh|aws|config|gnupg|kube|docker)(?:\/|$)|^~\/\.(?:netrc|pgpass|npmrc|pypirc|git-credentials)$|^(?:\/private)?\/etc(?:\/|$)|(?:^|\/)\.env(?:\.[^/]+)?$/;

/** A home directory at the start of a `/`-separated path, on Linux, macOS and Windows, or written as a variable. */
const HOME_PREFIX = /^(?:\/home\/[^/]+|\/Users\/[^/]+|\/root|[A-Za-z]:\/Users\/[^/]+|\$HOME|\$\{HOME\}|%USERPROFILE%|~)(?=\/|$)/;

const toSlashes = (path: string): string => (path.includes('\\') ? path.replace(/\\+/g, '/') : path);

const withTilde = (slashed: string): string => slashed.replace(HOME_PREFIX, '~');

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A configured extra: `~/.kube`, `/var/secrets` (that path and below), or a bare name with
 * optional `*` (`id_rsa`, `*.pem`: any path with a segment of that name).
 */
const compileExtra = (extra: string): RegExp => {
  const normalized = withTilde(toSlashes(extra.trim())).replace(/\/+$/, '');
  const source = escapeRegex(normalized).replace(/\\\*/g, '[^/]*');
  return normalized.includes('/') ? new RegExp(`^${source}(?:/|$)`) : new RegExp(`(?:^|/)${source}(?:/|$)`);
};

/** Characters a path written in text runs over; it stops at whitespace, quotes, brackets and separators of lists. */
const PATH_BODY = '[^\\s"\'`<>|;,(){}\\[\\]]*';

/** What a Windows home-directory path in text cannot be matched without (the `mayChange` of its rule). */
const WINDOWS_USERS = /:(?:\\{1,2}|\/)Users/;

export interface PathRedaction {
  isSensitivePath(path: string): boolean;
  redactPath(path: string): string;
  /** Rewrite, inside free text, every path that starts at the project root, a home directory or `/etc`, or is a `.env` file. */
  readonly rules: readonly TextRule[];
}

export const createPathRedaction = (projectRoot: string | null, extraSensitivePaths: readonly string[]): PathRedaction => {
  const extras = extraSensitivePaths.filter((p) => p.trim() !== '').map(compileExtra);
  const root = projectRoot ? toSlashes(projectRoot).replace(/\/+$/, '') : null;

  const isSensitivePath = (path: string): boolean => {
    const normalized = withTilde(toSlashes(path));
    if (BUILT_IN_SENSITIVE.test(normalized)) return true;
    for (const extra of extras) if (extra.test(normalized)) return true;
    return false;
  };

  const redactPath = (path: string): string => {
    if (isSensitivePath(path)) return REDACTED_PATH;
    const slashed = toSlashes(path);
    if (root !== null && root !== '') {
      if (slashed === root) return '.';
      if (slashed.startsWith(root) && slashed.charCodeAt(root.length) === 47) return slashed.slice(root.length + 1) || '.';
    }
    const tilde = withTilde(slashed);
    return tilde === slashed ? path : tilde;
  };

  const replacePath = (match: string): string => {
    // Sentence punctuation right after a path belongs to the sentence.
    const core = match.replace(/[.:]+$/, '');
    return redactPath(core) + match.slice(core.length);
  };
  /*
   * A path starts after a non-path character, or after the `//` of `file://`. Written as one
   * lookbehind with a nested one: `(?:(?<=file://)|(?<!…))` made the path regex 4.7× slower
   * (81 ms against 17 ms over the benchmark's strings with a path trigger).
   */
  const START = '(?<![\\w.~\\\\+=$%-]|(?<!:/)/)';
  const unixRoot = root && !/^[A-Za-z]:/.test(root) ? `${escapeRegex(root)}(?=/|[^\\w.-]|$)|` : '';
  const windowsRoot = root && /^[A-Za-z]:/.test(root) ? `${escapeRegex(root).replace(/\//g, '(?:\\\\{1,2}|/)')}(?=[/\\\\]|[^\\w.-]|$)|` : '';
  /*
   * Three regexes rather than one: each begins with few possible characters (`/`, `~`, `$`, `%`;
   * a drive letter; a path ending in `.env`), and the engine skips ahead to those. With the
   * drive-letter and `.env` branches in the same regex it was tried at every letter: splitting
   * took the path step from 197 ms to 115 ms on the benchmark's 10 MB.
   */
  const rules = [
    regexRule(
      'path',
      `${unixRoot ? `${escapeRegex(root ?? '')}|` : ''}~[/\\\\]|\\$HOME|\\$\\{HOME\\}|%USERPROFILE%|/home/|/Users/|/root|/etc`,
      new RegExp(
        `${START}(?:${unixRoot}~(?=[/\\\\])|\\$HOME|\\$\\{HOME\\}|%USERPROFILE%|/home/|/Users/|/root(?=[/\\\\]|$)|(?:/private)?/etc(?=[/\\\\\\s"'\`]|$))${PATH_BODY}`,
        'g',
      ),
      replacePath,
      // Its regex starts with few possible characters and scans as fast as the trigger would.
      ALWAYS,
    ),
    regexRule(
      'windows-path',
      windowsRoot ? ':[/\\\\]' : ':(?:\\\\{1,2}|/)Users',
      new RegExp(`${START}(?:${windowsRoot}[A-Za-z]:(?:\\\\{1,2}|/)Users(?:\\\\{1,2}|/))${PATH_BODY}`, 'g'),
      replacePath,
      // Every match holds the `:` after a drive letter; without a Windows root, also `:/Users` or `:\Users`.
      windowsRoot ? (text) => text.includes(':') : (text) => WINDOWS_USERS.test(text),
    ),
    regexRule(
      'env-file',
      '\\.env',
      new RegExp(`${START}(?:[\\w.~-]*[/\\\\])*\\.env(?:\\.[\\w-]+)*(?![\\w-])${PATH_BODY}`, 'g'),
      replacePath,
      // The regex is tried at every position (63 ms over the benchmark's 10 MB); `.env` is a 3 ms indexOf.
      (text) => text.includes('.env'),
    ),
  ];
  return { isSensitivePath, redactPath, rules };
};
