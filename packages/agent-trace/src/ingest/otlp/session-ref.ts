import { asSessionId, deriveTraceId, type Agent, type Attributes, type SessionId, type TraceId } from '@agent-trace/schema';
import { claudeTraceId } from '../correlation.js';
import { asString } from './values.js';

/** The session a record belongs to, and the agent that produced it. */
export interface SessionRef {
  id: SessionId;
  agent: Agent;
  /** The session's trace: Claude Code's from its session id (so layers merge), else derived from the id. */
  traceId: TraceId;
}

/** service.name → agent (agent-formats.md §3.1, §5.2, §6.1). */
export const agentOf = (resource: Attributes): Agent => {
  const service = asString(resource['service.name']);
  if (service === 'claude-code') return 'claude-code';
  if (service === 'codex_cli_rs' || service?.startsWith('codex')) return 'codex';
  if (service === 'gemini-cli') return 'gemini-cli';
  return 'otel';
};

const SESSION_KEYS = ['session.id', 'gen_ai.conversation.id', 'conversation.id'] as const;

/** The session id a record names, on itself or on its resource; null when none. */
export const sessionIdIn = (attrs: Attributes, resource: Attributes): string | null => {
  for (const key of SESSION_KEYS) {
    const v = asString(attrs[key]) ?? asString(resource[key]);
    if (v !== null && v.length <= 512) return v;
  }
  return null;
};

export const sessionRefOf = (id: string, agent: Agent): SessionRef => ({
  id: asSessionId(id),
  agent,
  traceId: agent === 'claude-code' ? claudeTraceId(id) : deriveTraceId(agent, id),
});

/** Data without any session id: one session per trace, named by the trace id. */
export const traceSessionRef = (traceId: string, agent: Agent): SessionRef => ({
  id: asSessionId(traceId),
  agent,
  traceId: traceId as TraceId,
});
