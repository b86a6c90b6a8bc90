import { makeSpan, type Attributes, type Span, type SpanId, type SpanStatus, type SpanType } from '@agent-trace/schema';
import { contentBytes, isContentField, isStrippedContent } from './content-fields.js';
import { CLAUDE_HOOK_EVENTS } from './event-names.js';
import type { HookContext } from './hook-context.js';

export interface HookSpanFields {
  spanId: SpanId;
  type: SpanType;
  name: string;
  parentSpanId?: SpanId | null;
  startNs?: bigint;
  endNs?: bigint | null;
  status?: SpanStatus;
  statusMessage?: string | null;
  toolName?: string | null;
  model?: string | null;
  attributes?: Attributes;
}

/**
 * A span from one hook event. Each carries a span event named after the hook event at the time it was
 * received, so a span's timeline shows which hook events built it (the store unions events by name and time,
 * so a re-delivered event adds nothing).
 */
export const hookSpan = (ctx: HookContext, f: HookSpanFields): Span =>
  makeSpan({
    traceId: ctx.traceId,
    spanId: f.spanId,
    parentSpanId: f.parentSpanId === undefined ? ctx.parentSpanId : f.parentSpanId,
    sessionId: ctx.sessionId,
    name: f.name,
    type: f.type,
    startNs: f.startNs ?? ctx.timeNs,
    endNs: f.endNs ?? null,
    status: f.status ?? 'unset',
    statusMessage: f.statusMessage ?? null,
    source: 'hook',
    model: f.model ?? null,
    toolName: f.toolName ?? null,
    attributes: { ...ctx.common, ...f.attributes },
    events: [{ name: ctx.eventName, timeNs: ctx.timeNs, attributes: {} }],
  });

/** `content.<key>` for a content value (strings as they are, anything else as JSON); nothing for a stripped one. */
export const contentAttribute = (attrs: Attributes, key: string, value: unknown, name = key): void => {
  if (value === undefined || value === null || isStrippedContent(value)) return;
  attrs[`content.${name}`] = typeof value === 'string' ? value : (JSON.stringify(value) ?? null);
};

const KNOWN_EVENTS: ReadonlySet<string> = new Set(CLAUDE_HOOK_EVENTS);

/** In an event this version does not know, a string field is content unless its name says it is an identifier or a kind. */
const METADATA_NAME = /(?:_id|_type|^type|source|trigger|mode|kind|status|event)$/;

const BASE_FIELDS: ReadonlySet<string> = new Set([
  'session_id',
  'transcript_path',
  'cwd',
  'hook_event_name',
  'prompt_id',
  'permission_mode',
  'agent_id',
  'agent_type',
  'effort',
]);

/**
 * Every field of the payload not in `handled` and not a base field: numbers and booleans as `hook.<key>`
 * metadata, strings too unless the field holds content, content fields and objects as `content.<key>` plus
 * their size as `hook.<key>_bytes`.
 */
export const remainingFields = (ctx: HookContext, handled: ReadonlySet<string> = new Set()): Attributes => {
  const attrs: Attributes = {};
  const known = KNOWN_EVENTS.has(ctx.eventName);
  for (const [key, value] of Object.entries(ctx.payload)) {
    if (BASE_FIELDS.has(key) || handled.has(key) || value === undefined || value === null) continue;
    const content = isContentField(ctx.eventName, key) || (!known && typeof value === 'string' && !METADATA_NAME.test(key));
    if (!content && (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')) {
      attrs[`hook.${key}`] = value;
      continue;
    }
    attrs[`hook.${key}_bytes`] = contentBytes(value);
    contentAttribute(attrs, key, value);
  }
  return attrs;
};
