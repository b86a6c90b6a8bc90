import type { Attributes, AttrValue, PrivacyTier } from '@agent-trace/schema';
import type { Redactor } from '../privacy/index.js';
import { contentTierOf, isContentKey, keepsContent, TOOL_PARAMETER_KEYS } from './content-tiers.js';
import { keyKind } from './identifier-keys.js';
import { prepareToolParameters } from './tool-parameters.js';

const redactEntry = (key: string, value: AttrValue, redactor: Redactor): AttrValue => {
  if (typeof value === 'string') {
    const kind = keyKind(key);
    if (kind === 'identifier') return value === '' ? value : redactor.hashIdentifier(value);
    if (kind === 'path') return redactor.redactValue(redactor.redactPath(value), key);
  }
  return redactor.redactValue(value, key);
};

/**
 * One attribute map (span, span event, log fields) at a tier: content the tier does not keep is dropped,
 * tool parameters prepared (tool-parameters.ts), identifiers hashed, paths rewritten, and every remaining
 * value, metadata included, passed through the secret and PII rules. When a call touched a sensitive path,
 * whatever it returned (the tier-3 content beside it) is dropped whatever the tier.
 */
export const redactAttributes = (attributes: Attributes, tier: PrivacyTier, redactor: Redactor): Attributes => {
  const out: Attributes = {};
  let sensitive = false;
  for (const key in attributes) {
    const value = attributes[key] as AttrValue;
    if (isContentKey(key)) {
      if (!keepsContent(tier, key)) continue;
      if (TOOL_PARAMETER_KEYS.has(key)) {
        const prepared = prepareToolParameters(value, tier, redactor);
        sensitive ||= prepared.sensitive;
        out[key] = prepared.value;
        continue;
      }
    }
    out[key] = redactEntry(key, value, redactor);
  }
  if (sensitive) {
    for (const key in out) if (isContentKey(key) && contentTierOf(key) === 3) delete out[key];
  }
  return out;
};

/** Metric labels: the same rules, and labels stay strings. */
export const redactLabels = (labels: Record<string, string>, redactor: Redactor): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const key in labels) {
    const value = labels[key] as string;
    const redacted = redactEntry(key, value, redactor);
    out[key] = typeof redacted === 'string' ? redacted : String(redacted);
  }
  return out;
};
