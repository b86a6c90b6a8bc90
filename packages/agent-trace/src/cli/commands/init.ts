import { lazyCommand } from '../command.js';

export const initCommand = lazyCommand({
  name: 'init',
  summary: "Wire Claude Code's hooks and OpenTelemetry to agent-trace in one step",
  usage: 'init [--scope user|project|local] [--dry-run] [--uninstall] [options]',
  help: `Merges agent-trace's hook entries (async, so the agent never waits) and the OpenTelemetry env block into a
Claude Code settings file, leaving everything else in it as it was. Shows the change as a diff and keeps a
timestamped .bak copy of the original. Running it again changes nothing.

Options:
      --scope SCOPE        user: $CLAUDE_CONFIG_DIR/settings.json or ~/.claude/settings.json (default)
                           project: ./.claude/settings.json   local: ./.claude/settings.local.json
      --dry-run            show the diff, write nothing
      --uninstall          remove what init added (our hook entries, env keys that still hold our values)
      --endpoint URL       the collector (default: $AGENT_TRACE_URL, else http://127.0.0.1:8318)
      --hook-command CMD   the command hooks run (default: this node and this CLI, by absolute path)
      --keep-transcripts-days N  set cleanupPeriodDays: Claude Code deletes older transcripts at start-up
      --force              replace env keys you set to other values (default: keep yours, warn)

Examples:
  agent-trace init --dry-run
  agent-trace init --scope project --keep-transcripts-days 365
  agent-trace init --uninstall`,
  options: {
    scope: { type: 'string' },
    'dry-run': { type: 'boolean' },
    uninstall: { type: 'boolean' },
    endpoint: { type: 'string' },
    'hook-command': { type: 'string' },
    'keep-transcripts-days': { type: 'string' },
    force: { type: 'boolean' },
  },
  load: async () => (await import('./init-run.js')).runInit,
});
