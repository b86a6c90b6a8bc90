import type { Attributes, Span, SpanId } from '@agent-trace/schema';
import { msToNano } from '@agent-trace/schema';
import type { WriteBatch } from '../../store/types.js';
import { claudeToolSpanId } from '../correlation.js';
import { contentBytes } from './content-fields.js';
import { errorClassOf } from './error-class.js';
import { eventSpanId, type HookContext } from './hook-context.js';
import { bool, isRecord, num, record, text, type HookPayload } from './payload-fields.js';
import { contentAttribute, hookSpan, type HookSpanFields } from './span-factory.js';

/** The tool span's id: the same as the transcript's and OTel's for this tool_use_id (correlation.ts). */
export const toolSpanIdOf = (ctx: HookContext, call: HookPayload, index = 0): SpanId => {
  const useId = text(call, 'tool_use_id');
  return useId ? claudeToolSpanId(ctx.sessionId, useId) : eventSpanId(ctx, `tool:${index}`);
};

const toolAttributes = (call: HookPayload): Attributes => {
  const attrs: Attributes = {};
  const useId = text(call, 'tool_use_id');
  if (useId) attrs['tool.use_id'] = useId;
  if (call['tool_input'] !== undefined) attrs['tool.input_bytes'] = contentBytes(call['tool_input']);
  const mcp = record(call, 'mcp_server');
  const server = mcp ? text(mcp, 'name') : null;
  if (server) attrs['mcp.server.name'] = server;
  const scope = mcp ? text(mcp, 'source') : null;
  if (scope) attrs['mcp.server.source'] = scope;
  contentAttribute(attrs, 'tool_input', call['tool_input']);
  return attrs;
};

/** One tool call's span from a payload (or one entry of PostToolBatch), with the event's own fields on top. */
export const toolSpan = (ctx: HookContext, call: HookPayload, fields: Omit<HookSpanFields, 'spanId' | 'type' | 'name'>, index = 0): Span => {
  const toolName = text(call, 'tool_name');
  return hookSpan(ctx, {
    ...fields,
    spanId: toolSpanIdOf(ctx, call, index),
    type: 'tool_call',
    name: `execute_tool ${toolName ?? 'unknown'}`,
    toolName,
    attributes: { ...toolAttributes(call), ...fields.attributes },
  });
};

/** When the tool ran for `duration_ms` up to now, it started that long before the event arrived. */
const startFromDuration = (ctx: HookContext, durationMs: number | null): bigint =>
  durationMs !== null && durationMs >= 0 && msToNano(durationMs) <= ctx.timeNs ? ctx.timeNs - msToNano(durationMs) : ctx.timeNs;

export const mapPreToolUse = (ctx: HookContext): WriteBatch => ({ spans: [toolSpan(ctx, ctx.payload, {})] });

export const mapPostToolUse = (ctx: HookContext): WriteBatch => {
  const p = ctx.payload;
  const durationMs = num(p, 'duration_ms');
  const attributes: Attributes = {};
  if (durationMs !== null) attributes['tool.duration_ms'] = durationMs;
  if (p['tool_response'] !== undefined) attributes['tool.response_bytes'] = contentBytes(p['tool_response']);
  contentAttribute(attributes, 'tool_response', p['tool_response']);
  return {
    spans: [toolSpan(ctx, p, { startNs: startFromDuration(ctx, durationMs), endNs: ctx.timeNs, status: 'ok', attributes })],
  };
};

export const mapPostToolUseFailure = (ctx: HookContext): WriteBatch => {
  const p = ctx.payload;
  const durationMs = num(p, 'duration_ms');
  const isInterrupt = bool(p, 'is_interrupt');
  const errorText = typeof p['error'] === 'string' ? p['error'] : null;
  const errorClass = errorClassOf(errorText, isInterrupt);
  const attributes: Attributes = { 'error.type': errorClass };
  if (durationMs !== null) attributes['tool.duration_ms'] = durationMs;
  if (isInterrupt !== null) attributes['tool.is_interrupt'] = isInterrupt;
  if (p['error'] !== undefined) attributes['error.bytes'] = contentBytes(p['error']);
  contentAttribute(attributes, 'error', p['error']);
  return {
    spans: [
      toolSpan(ctx, p, {
        startNs: startFromDuration(ctx, durationMs),
        endNs: ctx.timeNs,
        status: 'error',
        statusMessage: errorClass,
        attributes,
      }),
    ],
  };
};

/**
 * PostToolBatch lists the calls of one batch after they all ran: each one ends here. The status stays unset
 * (the batch does not say which succeeded); PostToolUse / PostToolUseFailure for the same call set it.
 */
export const mapPostToolBatch = (ctx: HookContext): WriteBatch => {
  const calls = Array.isArray(ctx.payload['tool_calls']) ? ctx.payload['tool_calls'] : [];
  const spans: Span[] = [];
  calls.forEach((call: unknown, index) => {
    if (!isRecord(call)) return;
    const attributes: Attributes = { 'tool.batch_size': calls.length };
    if (call['tool_response'] !== undefined) attributes['tool.response_bytes'] = contentBytes(call['tool_response']);
    contentAttribute(attributes, 'tool_response', call['tool_response']);
    spans.push(toolSpan(ctx, call, { endNs: ctx.timeNs, attributes }, index));
  });
  return { spans };
};
