import type { Attributes } from '@agent-trace/schema';
import type { WriteBatch } from '../../store/types.js';
import { claudeSubagentSpanId } from '../correlation.js';
import type { HookContext } from './hook-context.js';
import { HookPayloadError } from './hook-payload-error.js';
import { text } from './payload-fields.js';
import { contentAttribute, hookSpan } from './span-factory.js';

/**
 * SubagentStart / SubagentStop carry the sub-agent's own agent_id, so the span is the sub-agent itself (the
 * transcript importer derives the same id from the sub-agent's file) and hangs under the turn that spawned it.
 * The transcript later re-parents it under its Task tool call.
 */
const subagentBase = (ctx: HookContext) => {
  const agentId = text(ctx.payload, 'agent_id');
  if (!agentId) throw new HookPayloadError('agent_id', `must be a non-empty string in ${ctx.eventName}`);
  const attributes: Attributes = { 'subagent.id': agentId };
  const agentType = text(ctx.payload, 'agent_type');
  if (agentType) attributes['subagent.type'] = agentType;
  return {
    spanId: claudeSubagentSpanId(ctx.sessionId, agentId),
    parentSpanId: ctx.turnSpanId ?? ctx.sessionSpanId,
    type: 'subagent' as const,
    name: 'invoke_agent',
    attributes,
  };
};

export const mapSubagentStart = (ctx: HookContext): WriteBatch => ({ spans: [hookSpan(ctx, subagentBase(ctx))] });

export const mapSubagentStop = (ctx: HookContext): WriteBatch => {
  const base = subagentBase(ctx);
  const attributes: Attributes = { ...base.attributes };
  if (typeof ctx.payload['stop_hook_active'] === 'boolean') attributes['stop.hook_active'] = ctx.payload['stop_hook_active'];
  contentAttribute(attributes, 'last_assistant_message', ctx.payload['last_assistant_message']);
  return { spans: [hookSpan(ctx, { ...base, endNs: ctx.timeNs, status: 'ok', attributes })] };
};
