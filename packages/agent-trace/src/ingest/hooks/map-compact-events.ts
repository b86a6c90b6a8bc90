import { deriveSpanId, type Attributes } from '@agent-trace/schema';
import type { WriteBatch } from '../../store/types.js';
import type { HookContext } from './hook-context.js';
import { text } from './payload-fields.js';
import { contentAttribute, hookSpan } from './span-factory.js';

/**
 * PreCompact opens a checkpoint span and PostCompact closes it. Neither carries a compaction id, so the pair
 * is keyed by prompt and trigger: compactions of one kind within one prompt share a span, whose start is the
 * first and whose end is the last.
 */
const compactSpanId = (ctx: HookContext, trigger: string) =>
  deriveSpanId(ctx.sessionId, 'compact', ctx.promptId ?? '', ctx.agentId ?? '', trigger);

export const mapCompact = (ctx: HookContext): WriteBatch => {
  const p = ctx.payload;
  const post = ctx.eventName === 'PostCompact';
  const trigger = text(p, 'trigger') ?? 'unknown';
  const attributes: Attributes = { 'checkpoint.kind': 'compaction', 'compaction.trigger': trigger };
  contentAttribute(attributes, 'custom_instructions', p['custom_instructions']);
  contentAttribute(attributes, 'compact_summary', p['compact_summary']);
  return {
    spans: [
      hookSpan(ctx, {
        spanId: compactSpanId(ctx, trigger),
        type: 'checkpoint',
        name: 'compaction',
        ...(post ? { endNs: ctx.timeNs, status: 'ok' as const } : {}),
        attributes,
      }),
    ],
  };
};
