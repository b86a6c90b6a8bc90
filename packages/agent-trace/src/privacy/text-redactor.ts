import type { CompiledExtraPattern } from './extra-patterns.js';
import type { TextRule } from './text-rule.js';

/**
 * Nothing shorter can hold a finding: the shortest are a `.env` or `/etc` path (4 characters).
 * Most attribute values (ids, names, numbers as text, statuses) are shorter than that and leave
 * without a single regex run.
 */
export const MIN_REDACTABLE_LENGTH = 4;

/** Below this length a text is first scanned once for any trigger (see redact). */
const SHORT_TEXT = 256;

export interface TextRedactor {
  /** The text with every finding replaced; the input itself when there was none. */
  redact(text: string): string;
  /** False when no rule can match (no trigger found, no configured pattern matches). */
  mayMatch(text: string): boolean;
}

const countCaptureGroups = (source: string): number => (new RegExp(`${source}|`).exec('') as RegExpExecArray).length - 1;

interface Group {
  readonly source: string;
  readonly trigger: RegExp;
  readonly rules: TextRule[];
}

/**
 * Runs the rules in order over a text; each rule counts only when its trigger occurs in the text
 * as it came in (the contract of TextRule). Finding which triggers occur used to come first, one
 * scan with every trigger as an alternative: irregexp tries each alternative at each position, so
 * that scan alone cost ~14 ns per character, most of the engine's time. Now a rule with a cheap
 * `mayChange` (a literal it cannot match without, or its own regex when that is as fast) is applied
 * first, and its trigger is looked for only when it changed something, which is rare; a rule
 * without one is gated by its trigger first, as before. Either order gives the same text: a change
 * is kept exactly when the trigger occurs. On the tier-3 import corpus's strings (11.4 MB) this and
 * the key=value line filter took redaction from ~340 ms to ~215 ms (fast-path.test.ts checks the
 * results against the straightforward engine).
 *
 * Returns the input itself when nothing changed, so the caller can tell by identity.
 */
export const createTextRedactor = (rules: readonly TextRule[], extras: readonly CompiledExtraPattern[]): TextRedactor => {
  // Consecutive rules with the same trigger (the key=value rules) share one group and one test.
  const groups: Group[] = [];
  for (const rule of rules) {
    if (countCaptureGroups(rule.trigger) !== 0) throw new Error(`trigger of rule ${rule.name} must not capture: ${rule.trigger}`);
    const last = groups[groups.length - 1];
    if (last && last.source === rule.trigger) last.rules.push(rule);
    else groups.push({ source: rule.trigger, trigger: new RegExp(rule.trigger, 'i'), rules: [rule] });
  }
  if (groups.length > 30) throw new Error('at most 30 distinct triggers');
  const anyTrigger = new RegExp(groups.map((g) => `(?:${g.source})`).join('|'), 'i');

  const mayMatch = (text: string): boolean => {
    if (text.length < MIN_REDACTABLE_LENGTH) return false;
    if (anyTrigger.test(text)) return true;
    for (const extra of extras) {
      extra.regex.lastIndex = 0;
      if (extra.regex.test(text)) return true;
    }
    return false;
  };

  const applyExtras = (text: string): string => {
    let out = text;
    for (const extra of extras) out = out.replace(extra.regex, extra.replacement);
    return out;
  };

  const redact = (text: string): string => {
    if (text.length < MIN_REDACTABLE_LENGTH) return text;
    // Short texts (attribute values, names, ids, paths: most strings of OTLP and of tier-1 records) leave after
    // one scan for any trigger: ~20 rule calls cost more than that scan below a few hundred characters.
    // Without this, OTLP ingest fell from ~30,000 to ~20,000 spans/s (bench/otlp-ingest.mjs).
    if (text.length < SHORT_TEXT && !anyTrigger.test(text)) return applyExtras(text);
    // Bit g of `tested`: group g's trigger was looked for in `text`; of `present`: it was found.
    let tested = 0;
    let present = 0;
    const occurs = (g: number): boolean => {
      const bit = 1 << g;
      if ((tested & bit) === 0) {
        tested |= bit;
        if ((groups[g] as Group).trigger.test(text)) present |= bit;
      }
      return (present & bit) !== 0;
    };
    let out = text;
    for (let g = 0; g < groups.length; g++) {
      for (const rule of (groups[g] as Group).rules) {
        if (rule.mayChange === undefined) {
          if (occurs(g)) out = rule.apply(out);
        } else if (rule.mayChange(out)) {
          const next = rule.apply(out);
          if (next !== out && occurs(g)) out = next;
        }
      }
    }
    return applyExtras(out);
  };
  return { redact, mayMatch };
};
