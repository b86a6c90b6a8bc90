import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Attributes } from '@agent-trace/schema';
import type { SessionUpsert, WriteBatch } from '../../store/types.js';
import type { HookContext } from './hook-context.js';
import { num, text } from './payload-fields.js';
import { contentAttribute, hookSpan } from './span-factory.js';

/** SHA-256 of the project root, the same value the transcript importer stores as the project hash. */
const projectHashOf = (cwd: string): string => createHash('sha256').update(cwd).digest('hex');

const sessionUpsert = (ctx: HookContext): SessionUpsert => {
  const cwd = text(ctx.payload, 'cwd');
  return {
    id: ctx.sessionId,
    traceId: ctx.traceId,
    agent: 'claude-code',
    ...(cwd ? { cwd, projectName: basename(cwd) || cwd, projectHash: projectHashOf(cwd) } : {}),
  };
};

/**
 * Every event names its session, so every event upserts it (an event may arrive before SessionStart, or
 * without one when hooks were installed mid-session); only SessionStart and SessionEnd set times and status.
 */
export const touchSession = (ctx: HookContext): SessionUpsert => sessionUpsert(ctx);

const SESSION_START_NUMBERS = ['seconds_since_last_response', 'context_tokens', 'estimated_cache_write_usd'] as const;

export const mapSessionStart = (ctx: HookContext): WriteBatch => {
  const p = ctx.payload;
  const attributes: Attributes = { 'agent.name': 'claude-code' };
  const source = text(p, 'source');
  if (source) attributes['session.source'] = source;
  const model = text(p, 'model');
  if (model) attributes['session.model'] = model;
  for (const key of SESSION_START_NUMBERS) {
    const v = num(p, key);
    if (v !== null) attributes[`session.${key}`] = v;
  }
  if (typeof p['prompt_cache_likely_expired'] === 'boolean') attributes['session.prompt_cache_likely_expired'] = p['prompt_cache_likely_expired'];
  // The title Claude Code shows can be generated from the prompt: content.
  contentAttribute(attributes, 'session_title', p['session_title']);
  return {
    sessions: [{ ...sessionUpsert(ctx), startNs: ctx.timeNs, status: 'running' }],
    spans: [hookSpan(ctx, { spanId: ctx.sessionSpanId, parentSpanId: null, type: 'session', name: 'session', attributes })],
  };
};

export const mapSessionEnd = (ctx: HookContext): WriteBatch => {
  const attributes: Attributes = {};
  const reason = text(ctx.payload, 'reason');
  if (reason) attributes['session.end_reason'] = reason;
  return {
    sessions: [{ ...sessionUpsert(ctx), endNs: ctx.timeNs, status: 'completed' }],
    spans: [
      hookSpan(ctx, {
        spanId: ctx.sessionSpanId,
        parentSpanId: null,
        type: 'session',
        name: 'session',
        endNs: ctx.timeNs,
        status: 'ok',
        attributes,
      }),
    ],
  };
};
