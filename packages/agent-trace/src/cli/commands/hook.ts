import { lazyCommand } from '../command.js';

/**
 * `agent-trace hook` as a registered command, for `--help` and for a CLI that has not taken the fast path.
 * The agent runs it through main.ts's fast path (hook-main.ts) so that none of the CLI loads; both behave alike:
 * exit 0, nothing on stdout.
 */
export const hookCommand = lazyCommand({
  name: 'hook',
  summary: 'Receive one Claude Code hook event on stdin and forward it to the collector (run by the agent)',
  usage: 'hook [--url URL] [--agent NAME]',
  help: `Claude Code runs this for each hook event 'agent-trace init' registered, with the event's JSON on stdin.
It forwards the event to the collector (POST /v1/hooks) and, when the collector cannot be reached within
300 ms, appends it to the spool in the data dir, from which the collector takes it when it starts. Input that
is not a hook event goes to the dead-letter file. It always exits 0, never writes to stdout (Claude Code would
read that as a decision) and never takes more than about one second.

Options:
      --url URL      the collector (default: $AGENT_TRACE_URL, else http://127.0.0.1:8318)
      --agent NAME   the agent that sent the event (default: claude-code)`,
  options: {
    url: { type: 'string' },
    agent: { type: 'string' },
  },
  load: async () => (await import('./hook-run.js')).runHook,
});
