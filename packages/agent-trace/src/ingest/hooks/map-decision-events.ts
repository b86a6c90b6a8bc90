import { deriveSpanId, type Attributes } from '@agent-trace/schema';
import type { WriteBatch } from '../../store/types.js';
import { contentBytes } from './content-fields.js';
import { eventSpanId, type HookContext } from './hook-context.js';
import { text } from './payload-fields.js';
import { contentAttribute, hookSpan } from './span-factory.js';
import { toolSpan } from './map-tool-events.js';

/**
 * PermissionRequest: Claude Code asked whether a tool may run. An instant decision span under the current
 * turn; the request has no tool_use_id, so its id comes from the event itself.
 */
export const mapPermissionRequest = (ctx: HookContext): WriteBatch => {
  const p = ctx.payload;
  const toolName = text(p, 'tool_name');
  const attributes: Attributes = { 'decision.kind': 'permission_request' };
  if (toolName) attributes['tool.name'] = toolName;
  if (Array.isArray(p['permission_suggestions'])) attributes['permission.suggestions'] = p['permission_suggestions'].length;
  if (p['tool_input'] !== undefined) attributes['tool.input_bytes'] = contentBytes(p['tool_input']);
  contentAttribute(attributes, 'tool_input', p['tool_input']);
  return {
    spans: [
      hookSpan(ctx, {
        spanId: eventSpanId(ctx, 'permission_request'),
        type: 'decision',
        name: `permission_request ${toolName ?? 'unknown'}`,
        endNs: ctx.timeNs,
        attributes,
      }),
    ],
  };
};

/**
 * PermissionDenied: the tool call was refused. A decision span (outcome `denied`) and the tool call itself,
 * ended with an error: the model receives the refusal as the tool's failed result.
 */
export const mapPermissionDenied = (ctx: HookContext): WriteBatch => {
  const p = ctx.payload;
  const toolName = text(p, 'tool_name');
  const useId = text(p, 'tool_use_id');
  const attributes: Attributes = { 'decision.kind': 'permission', 'decision.outcome': 'denied' };
  if (toolName) attributes['tool.name'] = toolName;
  if (useId) attributes['tool.use_id'] = useId;
  contentAttribute(attributes, 'reason', p['reason']);
  const decisionId = useId ? deriveSpanId(ctx.sessionId, 'permission_denied', useId) : eventSpanId(ctx, 'permission_denied');
  const decision = hookSpan(ctx, {
    spanId: decisionId,
    type: 'decision',
    name: `permission_denied ${toolName ?? 'unknown'}`,
    endNs: ctx.timeNs,
    status: 'ok',
    attributes,
  });
  const tool = toolSpan(ctx, p, { endNs: ctx.timeNs, status: 'error', statusMessage: 'permission_denied', attributes: { 'error.type': 'permission_denied' } });
  return { spans: [decision, tool] };
};
