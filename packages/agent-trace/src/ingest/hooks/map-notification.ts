import type { Attributes } from '@agent-trace/schema';
import type { WriteBatch } from '../../store/types.js';
import { eventSpanId, type HookContext } from './hook-context.js';
import { text } from './payload-fields.js';
import { contentAttribute, hookSpan } from './span-factory.js';
import { mapGenericEvent } from './map-generic-event.js';

/**
 * `idle_prompt` means Claude Code is waiting for the user: an `idle` span starts here. It has no end of its
 * own (the hook never learns when the user comes back); readers end it at the next turn's start.
 * Other notifications (permission_prompt, auth_success, elicitation_dialog, …) are log records.
 */
export const mapNotification = (ctx: HookContext): WriteBatch => {
  const type = text(ctx.payload, 'notification_type');
  if (type !== 'idle_prompt') return mapGenericEvent(ctx);
  const attributes: Attributes = { 'notification.type': type };
  contentAttribute(attributes, 'message', ctx.payload['message']);
  contentAttribute(attributes, 'title', ctx.payload['title']);
  return {
    spans: [hookSpan(ctx, { spanId: eventSpanId(ctx, 'idle'), type: 'idle', name: 'idle', attributes })],
  };
};
