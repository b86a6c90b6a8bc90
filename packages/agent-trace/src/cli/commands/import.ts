import { lazyCommand } from '../command.js';

export const importCommand = lazyCommand({
  name: 'import',
  summary: "Read Claude Code's transcripts (new bytes only) into the store",
  usage: 'import [--path DIR]... [--tier 1] [--json]',
  help: `Reads $CLAUDE_CONFIG_DIR (a comma-separated list) or else ~/.claude and ~/.config/claude:
projects/**/*.jsonl, sub-agent files included. Only bytes added since the last import are read;
re-running over unchanged files changes nothing.

Options:
      --path PATH      read this folder (every *.jsonl below it) or file instead; repeatable
      --tier N         privacy tier: 1 = metadata only (default). Tiers 2 and 3 (prompts and tool
                       content) are refused until the redaction rules are in place.
  -j, --json           the summary as JSON (files, bytes, lines, sessions, spans, problems)
  -q, --quiet          no progress bar and no summary line

Exit codes: 0 done; 4 no transcripts found; 5 done, but some files or lines could not be read
(they are listed, everything else was imported).`,
  options: {
    path: { type: 'string', multiple: true },
    tier: { type: 'string' },
    json: { type: 'boolean', short: 'j' },
    quiet: { type: 'boolean', short: 'q' },
  },
  load: async () => (await import('./import-run.js')).runImport,
});
