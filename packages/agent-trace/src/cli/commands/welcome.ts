import type { Command } from '../command.js';

/** `agent-trace` with no arguments: tell a new user the next step, from what the store holds. */
export const welcomeCommand: Command = {
  name: 'welcome',
  summary: 'What to do next',
  usage: '',
  help: '',
  options: {},
  async run(ctx) {
    const stats = await (await ctx.openStore()).stats();
    const lines =
      stats.sessions === 0
        ? [
            'agent-trace: observability for AI coding agents.',
            '',
            'Nothing is stored yet. Next step:',
            '  agent-trace import            read Claude Code transcripts (~/.claude/projects)',
            '  agent-trace import --path DIR read transcripts from another folder',
            '',
            "Then 'agent-trace report daily' for costs and 'agent-trace sessions' for sessions.",
            "All commands: 'agent-trace --help'.",
          ]
        : [
            `agent-trace: ${stats.sessions} sessions stored (${stats.location}).`,
            '',
            '  agent-trace report daily      tokens and cost per day',
            '  agent-trace sessions          the latest sessions',
            '  agent-trace show <id>         replay one session',
            '  agent-trace import            pick up new transcript lines',
            '',
            "All commands: 'agent-trace --help'.",
          ];
    ctx.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
