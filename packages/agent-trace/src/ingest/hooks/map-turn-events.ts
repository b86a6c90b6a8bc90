import type { Attributes, LogRecord } from '@agent-trace/schema';
import type { WriteBatch } from '../../store/types.js';
import { contentBytes } from './content-fields.js';
import { errorClassOf } from './error-class.js';
import type { HookContext } from './hook-context.js';
import { bool, text } from './payload-fields.js';
import { contentAttribute, hookSpan, remainingFields } from './span-factory.js';

/** A turn event without a prompt_id cannot name its turn: it is kept as a log record of the session instead. */
const turnlessLog = (ctx: HookContext, level: LogRecord['level'], fields: Attributes): LogRecord => ({
  id: ctx.eventId,
  timeNs: ctx.timeNs,
  level,
  component: 'claude-code.hook',
  eventName: ctx.eventName,
  sessionId: ctx.sessionId,
  traceId: ctx.traceId,
  spanId: ctx.sessionSpanId,
  body: ctx.eventName,
  fields: { ...ctx.common, ...fields },
});

/** UserPromptSubmit opens the turn of its prompt_id (one turn per user prompt, as transcripts and OTel key it). */
export const mapUserPromptSubmit = (ctx: HookContext): WriteBatch => {
  const p = ctx.payload;
  const attributes: Attributes = {};
  if (p['prompt'] !== undefined) attributes['prompt.chars'] = typeof p['prompt'] === 'string' ? p['prompt'].length : contentBytes(p['prompt']);
  const source = text(p, 'source');
  if (source) attributes['prompt.source'] = source;
  contentAttribute(attributes, 'prompt', p['prompt']);
  contentAttribute(attributes, 'session_title', p['session_title']);
  if (!ctx.turnSpanId) return { logs: [turnlessLog(ctx, 'info', attributes)] };
  return {
    spans: [hookSpan(ctx, { spanId: ctx.turnSpanId, parentSpanId: ctx.sessionSpanId, type: 'turn', name: 'turn', attributes })],
  };
};

/** Stop ends the turn; StopFailure ends it with an error (the API error ended the turn). */
export const mapStop = (ctx: HookContext): WriteBatch => {
  const p = ctx.payload;
  const failed = ctx.eventName === 'StopFailure';
  const attributes: Attributes = remainingFields(ctx, new Set(['error', 'last_assistant_message', 'stop_hook_active']));
  contentAttribute(attributes, 'last_assistant_message', p['last_assistant_message']);
  const active = bool(p, 'stop_hook_active');
  if (active !== null) attributes['stop.hook_active'] = active;
  let errorClass: string | null = null;
  if (failed) {
    errorClass = errorClassOf(typeof p['error'] === 'string' ? p['error'] : null, null);
    attributes['error.type'] = errorClass;
    contentAttribute(attributes, 'error', p['error']);
  }
  if (!ctx.turnSpanId) return { logs: [turnlessLog(ctx, failed ? 'error' : 'info', attributes)] };
  return {
    spans: [
      hookSpan(ctx, {
        spanId: ctx.turnSpanId,
        parentSpanId: ctx.sessionSpanId,
        type: 'turn',
        name: 'turn',
        endNs: ctx.timeNs,
        status: failed ? 'error' : 'ok',
        statusMessage: errorClass,
        attributes,
      }),
    ],
  };
};
