import { usageError } from '../errors.js';

/** One handler `init` registers: the event, an optional matcher, the timeout in seconds and whether it is async. */
export interface HookRegistration {
  event: string;
  matcher?: string;
  timeoutSeconds: number;
  async: boolean;
}

const TOOL_MATCHER = '*';

/**
 * The events agent-trace listens to. All async (Claude Code does not wait for them, agent-formats.md §1.6),
 * except SessionEnd: Claude Code may exit before an async hook finishes, and SessionEnd's budget (1.5 s by
 * default) is above the hook's own 1 s deadline. Not registered: PostToolBatch (each call already has its
 * PostToolUse: one process per batch for nothing new), MessageDisplay (one process per streamed text delta),
 * and events with nothing to observe yet. The timeout is Claude Code's limit, far above the hook's deadline.
 */
export const HOOK_REGISTRATIONS: readonly HookRegistration[] = [
  { event: 'SessionStart', timeoutSeconds: 5, async: true },
  { event: 'UserPromptSubmit', timeoutSeconds: 5, async: true },
  { event: 'PreToolUse', matcher: TOOL_MATCHER, timeoutSeconds: 5, async: true },
  { event: 'PostToolUse', matcher: TOOL_MATCHER, timeoutSeconds: 5, async: true },
  { event: 'PostToolUseFailure', matcher: TOOL_MATCHER, timeoutSeconds: 5, async: true },
  { event: 'PermissionRequest', matcher: TOOL_MATCHER, timeoutSeconds: 5, async: true },
  { event: 'PermissionDenied', matcher: TOOL_MATCHER, timeoutSeconds: 5, async: true },
  { event: 'Notification', timeoutSeconds: 5, async: true },
  { event: 'SubagentStart', timeoutSeconds: 5, async: true },
  { event: 'SubagentStop', timeoutSeconds: 5, async: true },
  { event: 'PreCompact', timeoutSeconds: 5, async: true },
  { event: 'PostCompact', timeoutSeconds: 5, async: true },
  { event: 'Stop', timeoutSeconds: 5, async: true },
  { event: 'StopFailure', timeoutSeconds: 5, async: true },
  { event: 'SessionEnd', timeoutSeconds: 2, async: false },
];

/** Any command that runs `agent-trace … hook` (an absolute path to the CLI, a bare name, npx) or its one-file bundle `…/agent-trace/…/hook.cjs`. */
export const isAgentTraceHookCommand = (command: unknown): boolean =>
  typeof command === 'string' &&
  (/agent-trace[^\s"']*["']?\s+hook(?:\s|$)/.test(command) || /agent-trace[^\s"']*\/hook\.cjs["']?(?:\s|$)/.test(command));

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const handlerFor = (reg: HookRegistration, command: string): Json =>
  reg.async ? { type: 'command', command, timeout: reg.timeoutSeconds, async: true } : { type: 'command', command, timeout: reg.timeoutSeconds };

const hooksObject = (settings: Json, create: boolean): Json | null => {
  const hooks = settings['hooks'];
  if (hooks === undefined) {
    if (!create) return null;
    settings['hooks'] = {};
    return settings['hooks'] as Json;
  }
  if (!isObject(hooks)) throw usageError('"hooks" in the settings file is not an object; fix it by hand, nothing was written');
  return hooks;
};

const groupsOf = (hooks: Json, event: string): unknown[] => {
  const groups = hooks[event];
  if (groups === undefined) return [];
  if (!Array.isArray(groups)) throw usageError(`"hooks.${event}" in the settings file is not an array; fix it by hand, nothing was written`);
  return groups;
};

const ourHandlers = (groups: unknown[]): Json[] =>
  groups.flatMap((g) => (isObject(g) && Array.isArray(g['hooks']) ? g['hooks'].filter((h): h is Json => isObject(h) && isAgentTraceHookCommand(h['command'])) : []));

export interface HookChanges {
  added: string[];
  updated: string[];
}

/**
 * Adds our handler to each event (a new matcher group at the end, other groups untouched), or brings an
 * existing one of ours up to date (another install path, another timeout). Mutates `settings`.
 */
export const installHooks = (settings: Json, command: string, registrations = HOOK_REGISTRATIONS): HookChanges => {
  const changes: HookChanges = { added: [], updated: [] };
  const hooks = hooksObject(settings, true)!;
  for (const reg of registrations) {
    const groups = groupsOf(hooks, reg.event);
    const wanted = handlerFor(reg, command);
    const existing = ourHandlers(groups);
    if (existing.length > 0) {
      const handler = existing[0]!;
      if (JSON.stringify(handler) !== JSON.stringify(wanted)) {
        for (const key of Object.keys(handler)) delete handler[key];
        Object.assign(handler, wanted);
        changes.updated.push(reg.event);
      }
      continue;
    }
    hooks[reg.event] = [...groups, reg.matcher === undefined ? { hooks: [wanted] } : { matcher: reg.matcher, hooks: [wanted] }];
    changes.added.push(reg.event);
  }
  return changes;
};

/**
 * Removes every handler of ours, then the matcher groups, event lists and `hooks` object that removing them
 * left empty (and only those). Returns the events it removed a handler from. Mutates `settings`.
 */
export const uninstallHooks = (settings: Json): string[] => {
  const hooks = hooksObject(settings, false);
  if (!hooks) return [];
  const removedFrom: string[] = [];
  for (const event of Object.keys(hooks)) {
    const groups = groupsOf(hooks, event);
    let removed = false;
    const kept = groups.filter((g) => {
      if (!isObject(g) || !Array.isArray(g['hooks'])) return true;
      const handlers = g['hooks'] as unknown[];
      const others = handlers.filter((h) => !(isObject(h) && isAgentTraceHookCommand(h['command'])));
      if (others.length === handlers.length) return true;
      removed = true;
      g['hooks'] = others;
      return others.length > 0;
    });
    if (!removed) continue;
    removedFrom.push(event);
    if (kept.length > 0) hooks[event] = kept;
    else delete hooks[event];
  }
  if (removedFrom.length > 0 && Object.keys(hooks).length === 0) delete settings['hooks'];
  return removedFrom;
};
