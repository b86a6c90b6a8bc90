import type { CompiledExtraPattern } from './extra-patterns.js';
import type { TextRule } from './text-rule.js';

/**
 * Nothing shorter can hold a finding: the shortest are a `.env` or `/etc` path (4 characters).
 * Most attribute values (ids, names, numbers as text, statuses) are shorter than that or fail
 * the pre-filter, and leave without a single regex run.
 */
export const MIN_REDACTABLE_LENGTH = 4;

export interface TextRedactor {
  /** The text with every finding replaced; the input itself when there was none. */
  redact(text: string): string;
  /** False when no rule can match (no trigger found; stops at the first): lets callers skip costlier work such as JSON.parse. */
  mayMatch(text: string): boolean;
}

const countCaptureGroups = (source: string): number => (new RegExp(`${source}|`).exec('') as RegExpExecArray).length - 1;

/** Compiled detectors kept per set of groups still looked for; few sets occur in practice. */
const DETECTOR_CACHE_LIMIT = 1024;

/**
 * Runs the rules in order over a text, but only the rules whose trigger occurs in it. Finding
 * those takes about one pass: a regex with every trigger still looked for as a capture group
 * finds the next one, which is then dropped from the set (the regex for the smaller set is
 * compiled once and cached). CPU time of the text rules over the benchmark's 10 MB of strings,
 * median of 5: 165 ms this way, 181 ms testing each trigger on its own (a full scan per absent
 * trigger), 173 ms with one fixed regex (which stops at every `@`, path and long number again).
 *
 * Returns the input itself when nothing changed, so the caller can tell by identity.
 */
export const createTextRedactor = (rules: readonly TextRule[], extras: readonly CompiledExtraPattern[]): TextRedactor => {
  // Consecutive rules with the same trigger (the six key=value rules) share one group.
  const groups: Array<{ source: string; rules: TextRule[] }> = [];
  for (const rule of rules) {
    if (countCaptureGroups(rule.trigger) !== 0) throw new Error(`trigger of rule ${rule.name} must not capture: ${rule.trigger}`);
    const last = groups[groups.length - 1];
    if (last && last.source === rule.trigger) last.rules.push(rule);
    else groups.push({ source: rule.trigger, rules: [rule] });
  }
  if (groups.length > 30) throw new Error('at most 30 distinct triggers');
  const all = 2 ** groups.length - 1;
  const anyTrigger = new RegExp(groups.map((g) => `(?:${g.source})`).join('|'), 'i');
  // Triggers overlap ("secret" inside "aws_secret_access_key"), and an alternation reports only the
  // first that matches at a position, so the other groups looked for are also tried right there.
  const anchored = groups.map((g) => new RegExp(g.source, 'iy'));

  const detectors = new Map<number, { regex: RegExp; ids: number[] }>();
  const detectorFor = (wanted: number): { regex: RegExp; ids: number[] } => {
    let detector = detectors.get(wanted);
    if (detector === undefined) {
      const ids = groups.map((_, i) => i).filter((i) => (wanted & (1 << i)) !== 0);
      detector = { regex: new RegExp(ids.map((i) => `(${(groups[i] as { source: string }).source})`).join('|'), 'gi'), ids };
      if (detectors.size >= DETECTOR_CACHE_LIMIT) detectors.clear();
      detectors.set(wanted, detector);
    }
    return detector;
  };

  /** Bit i set: group i's trigger occurs in the text. */
  const presentGroups = (text: string): number => {
    let wanted = all;
    let present = 0;
    let from = 0;
    while (wanted !== 0) {
      const { regex, ids } = detectorFor(wanted);
      regex.lastIndex = from;
      const m = regex.exec(text);
      if (m === null) break;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k] as number;
        let hit = m[k + 1] !== undefined;
        if (!hit) {
          const sticky = anchored[id] as RegExp;
          sticky.lastIndex = m.index;
          hit = sticky.test(text);
        }
        if (hit) present |= 1 << id;
      }
      wanted = all & ~present;
      from = m.index + 1;
    }
    return present;
  };

  const mayMatch = (text: string): boolean => {
    if (text.length < MIN_REDACTABLE_LENGTH) return false;
    if (anyTrigger.test(text)) return true;
    for (const extra of extras) {
      extra.regex.lastIndex = 0;
      if (extra.regex.test(text)) return true;
    }
    return false;
  };

  const redact = (text: string): string => {
    if (text.length < MIN_REDACTABLE_LENGTH) return text;
    const present = presentGroups(text);
    let out = text;
    for (let g = 0; g < groups.length; g++) {
      if ((present & (1 << g)) === 0) continue;
      for (const rule of (groups[g] as { rules: TextRule[] }).rules) out = rule.apply(out);
    }
    for (const extra of extras) out = out.replace(extra.regex, extra.replacement);
    return out;
  };
  return { redact, mayMatch };
};
