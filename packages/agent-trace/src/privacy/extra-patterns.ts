import { AgentTraceError } from '../errors.js';
import { REDACTED } from './placeholders.js';

/** A user's own rule from the configuration: a regex source and what to put in place of a match (`$1` works). */
export interface ExtraPattern {
  readonly name: string;
  readonly regex: string;
  readonly replacement?: string;
  /** Regex flags besides `g` (which is always added), e.g. `i`. */
  readonly flags?: string;
}

export interface CompiledExtraPattern {
  readonly name: string;
  readonly regex: RegExp;
  readonly replacement: string;
}

export const compileExtraPatterns = (patterns: readonly ExtraPattern[]): CompiledExtraPattern[] =>
  patterns.map((pattern, index) => {
    const flags = `${(pattern.flags ?? '').replace(/g/g, '')}g`;
    let regex: RegExp;
    try {
      regex = new RegExp(pattern.regex, flags);
    } catch (err) {
      throw new AgentTraceError(
        'usage',
        `privacy.patterns[${index}] (${pattern.name}): invalid regex /${pattern.regex}/${flags}: ${(err as Error).message}`,
      );
    }
    if (regex.test('')) {
      throw new AgentTraceError('usage', `privacy.patterns[${index}] (${pattern.name}): the regex matches the empty string`);
    }
    return { name: pattern.name, regex, replacement: pattern.replacement ?? REDACTED };
  });
