import { asSessionId, deriveId, deriveSpanId, type Attributes, type SessionId, type SpanId, type TraceId } from '@agent-trace/schema';
import { claudeSessionSpanId, claudeSubagentSpanId, claudeTraceId, claudeTurnSpanId } from '../correlation.js';
import { HookPayloadError } from './hook-payload-error.js';
import { isRecord, record, text, type HookPayload } from './payload-fields.js';
import { payloadDigest } from './payload-digest.js';

/** Everything every event mapper needs: the payload, its time, and the correlation ids it belongs to. */
export interface HookContext {
  payload: HookPayload;
  eventName: string;
  sessionId: SessionId;
  traceId: TraceId;
  sessionSpanId: SpanId;
  promptId: string | null;
  /** The turn of the prompt this event belongs to, when the payload names the prompt. */
  turnSpanId: SpanId | null;
  /** Set only inside a sub-agent (the base field `agent_id`). */
  agentId: string | null;
  /** Where this event's spans hang: the sub-agent, else the turn, else the session. */
  parentSpanId: SpanId;
  timeNs: bigint;
  /**
   * Deterministic id of this delivery of this event: session, event name, the event's own key (tool_use_id,
   * else prompt_id) and the payload digest. A retried or re-drained event gets the same id and is stored once.
   */
  eventId: string;
  /** Metadata every span and log of this event carries. */
  common: Attributes;
}

export interface HookContextOptions {
  receivedAtNs: bigint;
  /** The digest the hook command computed before stripping content for the spool (payload-digest.ts). */
  payloadDigest?: string;
}

const commonAttributes = (p: HookPayload): Attributes => {
  const attrs: Attributes = {};
  const promptId = text(p, 'prompt_id');
  if (promptId) attrs['prompt.id'] = promptId;
  const mode = text(p, 'permission_mode');
  if (mode) attrs['permission.mode'] = mode;
  const agentId = text(p, 'agent_id');
  if (agentId) attrs['subagent.id'] = agentId;
  const agentType = text(p, 'agent_type');
  if (agentType) attrs['subagent.type'] = agentType;
  const effort = record(p, 'effort');
  const level = effort ? text(effort, 'level') : null;
  if (level) attrs['effort.level'] = level;
  return attrs;
};

export const hookContext = (payload: unknown, opts: HookContextOptions): HookContext => {
  if (!isRecord(payload)) {
    throw new HookPayloadError('(root)', `must be a JSON object, got ${payload === null ? 'null' : Array.isArray(payload) ? 'an array' : typeof payload}`);
  }
  const sessionIdText = payload['session_id'];
  if (typeof sessionIdText !== 'string' || sessionIdText.length === 0) {
    throw new HookPayloadError('session_id', 'must be a non-empty string');
  }
  const eventName = payload['hook_event_name'];
  if (typeof eventName !== 'string' || eventName.length === 0) {
    throw new HookPayloadError('hook_event_name', 'must be a non-empty string');
  }
  if (opts.receivedAtNs < 0n) throw new HookPayloadError('receivedAtNs', 'must not be negative');
  const promptId = text(payload, 'prompt_id');
  const agentId = text(payload, 'agent_id');
  const sessionSpanId = claudeSessionSpanId(sessionIdText);
  const turnSpanId = promptId ? claudeTurnSpanId(sessionIdText, promptId) : null;
  const digest = opts.payloadDigest ?? payloadDigest(payload);
  const key = text(payload, 'tool_use_id') ?? promptId ?? '';
  return {
    payload,
    eventName,
    sessionId: asSessionId(sessionIdText),
    traceId: claudeTraceId(sessionIdText),
    sessionSpanId,
    promptId,
    turnSpanId,
    agentId,
    parentSpanId: agentId ? claudeSubagentSpanId(sessionIdText, agentId) : (turnSpanId ?? sessionSpanId),
    timeNs: opts.receivedAtNs,
    eventId: deriveId('claude-code-hook', sessionIdText, eventName, key, digest),
    common: commonAttributes(payload),
  };
};

/** A span id for an event that has no key of its own (a permission request, a notification). */
export const eventSpanId = (ctx: HookContext, kind: string): SpanId => deriveSpanId(ctx.sessionId, 'hook', kind, ctx.eventId);
