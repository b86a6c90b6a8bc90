import type { Attributes, LogRecord, PrivacyTier, Span, SpanEvent } from '@agent-trace/schema';
import { AgentTraceError } from '../errors.js';
import type { WriteBatch } from '../store/types.js';

/**
 * The one redaction entry point every ingest path goes through before anything is written.
 *
 * Content (prompt text, tool parameters, tool results, file content) only ever travels in attributes
 * under the `content.` prefix. Tier 1 keeps metadata only, so every `content.*` attribute is dropped
 * from spans and span events, whatever the parser was told.
 *
 * Tiers 2 and 3 store content, which must first pass the secret and PII rules of the privacy layer.
 * Until those rules exist, asking for tier 2 or 3 is refused rather than storing content unredacted.
 */
export const CONTENT_PREFIX = 'content.';

export type Redactor = (batch: WriteBatch) => WriteBatch;

const hasContent = (attrs: Attributes): boolean => {
  for (const key in attrs) if (key.startsWith(CONTENT_PREFIX)) return true;
  return false;
};

const stripContent = (attrs: Attributes): Attributes => {
  const out: Attributes = {};
  for (const key in attrs) if (!key.startsWith(CONTENT_PREFIX)) out[key] = attrs[key] ?? null;
  return out;
};

const stripEvent = (event: SpanEvent): SpanEvent =>
  hasContent(event.attributes) ? { ...event, attributes: stripContent(event.attributes) } : event;

const stripSpan = (span: Span): Span => {
  const eventsHaveContent = span.events.some((e) => hasContent(e.attributes));
  if (!hasContent(span.attributes) && !eventsHaveContent) return span;
  return {
    ...span,
    attributes: stripContent(span.attributes),
    events: eventsHaveContent ? span.events.map(stripEvent) : span.events,
  };
};

export const assertTierSupported = (tier: PrivacyTier): void => {
  if (tier !== 1) {
    throw new AgentTraceError(
      'usage',
      `privacy tier ${tier} stores prompts and tool content, which needs the redaction rules that are not in this version yet; ` +
        'only tier 1 (metadata only) is available. Nothing was stored.',
    );
  }
};

const stripLog = (log: LogRecord): LogRecord => (hasContent(log.fields) ? { ...log, fields: stripContent(log.fields) } : log);

export const createRedactor = (tier: PrivacyTier): Redactor => {
  assertTierSupported(tier);
  return (batch) => ({
    ...batch,
    ...(batch.spans ? { spans: batch.spans.map(stripSpan) } : {}),
    ...(batch.logs ? { logs: batch.logs.map(stripLog) } : {}),
  });
};
