import type { LogRecord, MetricPoint, PrivacyTier, Span, SpanEvent } from '@agent-trace/schema';
import type { ExtraPattern } from '../privacy/index.js';
import type { SessionUpsert, WriteBatch } from '../store/types.js';
import { createProjectRedactors } from './project-redactors.js';
import { redactAttributes, redactLabels } from './redact-attributes.js';
import { redactSession } from './redact-session.js';

export { CONTENT_PREFIX } from './content-tiers.js';

/**
 * The one redaction entry point every ingest path goes through before anything is written (import, hooks,
 * spool drain, OTLP, SDK): the privacy tier decides which `content.*` attributes are kept (content-tiers.ts),
 * then every string that remains, metadata included, passes the secret, PII and path rules of `privacy/`
 * with the session's project root, and identifiers are stored as salted hashes.
 */
export interface BatchRedactionOptions {
  tier: PrivacyTier;
  /** The install's salt (privacy/salt.ts): identifiers are hashed with it. */
  salt: Uint8Array | string;
  keepProjectNames?: boolean;
  secretKeyNames?: readonly string[];
  sensitivePaths?: readonly string[];
  patterns?: readonly ExtraPattern[];
}

export type BatchRedactor = (batch: WriteBatch) => WriteBatch;

export const createBatchRedactor = (options: BatchRedactionOptions): BatchRedactor => {
  const { tier } = options;
  const keepProjectNames = options.keepProjectNames ?? false;
  const redactors = createProjectRedactors({
    secretKeyNames: options.secretKeyNames ?? [],
    sensitivePaths: options.sensitivePaths ?? [],
    patterns: options.patterns ?? [],
    salt: options.salt,
    keepProjectNames,
  });
  const rootless = redactors.forRoot(null);

  const session = (s: SessionUpsert): SessionUpsert => {
    if (s.cwd) redactors.rememberSession(s.id, s.cwd);
    return redactSession(s, rootless, keepProjectNames);
  };

  const span = (s: Span): Span => {
    const r = redactors.forSession(s.sessionId);
    return {
      ...s,
      name: r.redactString(s.name),
      statusMessage: s.statusMessage === null ? null : r.redactString(s.statusMessage),
      model: s.model === null ? null : r.redactString(s.model),
      toolName: s.toolName === null ? null : r.redactString(s.toolName),
      attributes: redactAttributes(s.attributes, tier, r),
      events: s.events.map(
        (e): SpanEvent => ({ name: r.redactString(e.name), timeNs: e.timeNs, attributes: redactAttributes(e.attributes, tier, r) }),
      ),
    };
  };

  const log = (l: LogRecord): LogRecord => {
    const r = l.sessionId === null ? rootless : redactors.forSession(l.sessionId);
    return {
      ...l,
      component: r.redactString(l.component),
      eventName: l.eventName === null ? null : r.redactString(l.eventName),
      body: r.redactValue(l.body),
      fields: redactAttributes(l.fields, tier, r),
    };
  };

  const metric = (m: MetricPoint): MetricPoint => {
    const r = m.sessionId === null ? rootless : redactors.forSession(m.sessionId);
    return { ...m, labels: redactLabels(m.labels, r) };
  };

  return (batch) => ({
    ...batch,
    // Sessions first: they tell which project root the spans of the same batch are relative to.
    ...(batch.sessions ? { sessions: batch.sessions.map(session) } : {}),
    ...(batch.spans ? { spans: batch.spans.map(span) } : {}),
    ...(batch.logs ? { logs: batch.logs.map(log) } : {}),
    ...(batch.metrics ? { metrics: batch.metrics.map(metric) } : {}),
  });
};
