import type { Attributes, AttrValue } from '@agent-trace/schema';
import { createIdentifierHasher, hashContent } from './hashing.js';
import { createTextEngine, type TextEngineOptions } from './text-engine.js';
import { createValueRedactor } from './value-redactor.js';

export { secretKeyTrigger } from './text-engine.js';

/** Plain data, as the configuration layer holds it. */
export interface RedactorOptions extends TextEngineOptions {
  /** Salt of identifier hashes (from loadOrCreateSalt); hashIdentifier throws without one. */
  readonly salt?: Uint8Array | string;
  /** Store the readable project name beside its hash (otherwise only the hash). */
  readonly keepProjectNames?: boolean;
}

export interface ProjectIdentity {
  /** The root's last segment when names are kept, else null. */
  readonly name: string | null;
  readonly hash: string;
}

export interface Redactor {
  redactString(text: string): string;
  /** Any JSON-like value; `key` is the key it sits under, which may make the whole value secret. */
  redactValue(value: AttrValue, key?: string): AttrValue;
  /** Keys kept, values redacted (a value under a secret key becomes `[REDACTED]`). */
  redactAttributes(attributes: Attributes): Attributes;
  isSecretKey(key: string): boolean;
  isSensitivePath(path: string): boolean;
  redactPath(path: string): string;
  hashContent(text: string): string;
  hashIdentifier(value: string): string;
  projectIdentity(projectRoot: string): ProjectIdentity;
}

/** The rules of text-engine.ts, the value walk of value-redactor.ts, and identifier hashing with the install's salt. */
export const createRedactor = (options: RedactorOptions = {}): Redactor => {
  const { isSecretKey, paths, text } = createTextEngine(options);
  const values = createValueRedactor(isSecretKey, text);
  const hashIdentifier = createIdentifierHasher(options.salt);
  const keepProjectNames = options.keepProjectNames ?? false;

  return {
    redactString: values.redactString,
    redactValue: values.redactValue,
    redactAttributes: (attributes) => values.redactValue(attributes) as Attributes,
    isSecretKey,
    isSensitivePath: paths.isSensitivePath,
    redactPath: paths.redactPath,
    hashContent,
    hashIdentifier,
    projectIdentity: (projectRoot) => ({
      name: keepProjectNames ? (projectRoot.split(/[\\/]+/).filter((s) => s !== '').pop() ?? projectRoot) : null,
      hash: hashIdentifier(projectRoot),
    }),
  };
};
