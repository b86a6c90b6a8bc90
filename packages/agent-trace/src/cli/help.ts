import type { Command } from './command.js';

const GLOBAL_HELP = `Global options:
  --data-dir DIR   data directory (default: $AGENT_TRACE_HOME, else ~/.agent-trace)
  --config FILE    configuration file (default: config.yaml in the data directory)
  --no-color       plain output (also NO_COLOR=1)
  -h, --help       this help`;

export const renderMainHelp = (commands: readonly Command[]): string => {
  const visible = commands.filter((c) => c.name !== 'welcome');
  const width = Math.max(...visible.map((c) => c.name.length));
  const lines = visible.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `agent-trace: local-first observability for AI coding agents

Usage: agent-trace <command> [options]

Commands:
${lines.join('\n')}

${GLOBAL_HELP}

Run 'agent-trace <command> --help' for a command's options.
`;
};

export const renderCommandHelp = (command: Command): string =>
  `${command.summary}

Usage:
${command.usage
  .split('\n')
  .map((l) => `  agent-trace ${l}`)
  .join('\n')}

${command.help.trimEnd()}

${GLOBAL_HELP}
`;
