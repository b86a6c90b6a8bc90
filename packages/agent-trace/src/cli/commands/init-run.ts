import { usageError } from '../../errors.js';
import { collectorUrl } from '../../ingest/hooks/client/collector-url.js';
import { claudeSettingsPath, SETTINGS_SCOPES } from '../../setup/claude-settings-path.js';
import { installHooks, uninstallHooks } from '../../setup/claude-hooks-config.js';
import { defaultHookCommand } from '../../setup/hook-command.js';
import { formatJson } from '../../setup/json-file-style.js';
import { unifiedDiff } from '../../setup/line-diff.js';
import { installEnv, otelEnv, uninstallEnv } from '../../setup/otel-env.js';
import { otherSourcesHelp } from '../../setup/other-sources.js';
import { readSettingsFile, writeSettingsFile } from '../../setup/settings-file.js';
import { flag, oneOf, positiveInt, str } from '../args.js';
import type { CommandRun } from '../command.js';
import { paint } from '../output.js';

const CLEANUP_DEFAULT_DAYS = 30;

const describeValue = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

export const runInit: CommandRun = async (ctx, values) => {
  const scope = oneOf(values, 'scope', SETTINGS_SCOPES, 'user');
  const dryRun = flag(values, 'dry-run');
  const uninstall = flag(values, 'uninstall');
  const keepDays = positiveInt(values, 'keep-transcripts-days');
  if (uninstall && keepDays !== undefined) throw usageError('--keep-transcripts-days cannot be combined with --uninstall');
  let endpoint: string;
  try {
    endpoint = collectorUrl(ctx.env, str(values, 'endpoint')).href.replace(/\/$/, '');
  } catch (err) {
    throw usageError(`--endpoint: ${(err as Error).message}`);
  }
  const path = claudeSettingsPath(scope, ctx.env, process.cwd());
  const file = readSettingsFile(path);
  const settings = structuredClone(file.settings);
  const out = ctx.stdout;
  const notes: string[] = [];

  if (uninstall) {
    const events = uninstallHooks(settings);
    const keys = uninstallEnv(settings, otelEnv(endpoint));
    notes.push(`Removed hook entries for ${events.length} event(s) and ${keys.length} env key(s).`);
    if (typeof settings['cleanupPeriodDays'] === 'number') notes.push(`cleanupPeriodDays (${settings['cleanupPeriodDays']}) is left as it is.`);
  } else {
    const hookCommand = str(values, 'hook-command') ?? defaultHookCommand(process.argv[1], process.execPath);
    const command = typeof hookCommand === 'string' ? hookCommand : hookCommand.command;
    if (typeof hookCommand !== 'string' && hookCommand.fromPath) {
      notes.push(paint(ctx.color, 'yellow', "Hooks run 'agent-trace hook' from PATH (this CLI runs from sources); pass --hook-command for another."));
    }
    const hooks = installHooks(settings, command);
    const env = installEnv(settings, otelEnv(endpoint), flag(values, 'force'));
    if (keepDays !== undefined) settings['cleanupPeriodDays'] = keepDays;
    notes.push(`Hooks: ${hooks.added.length} added, ${hooks.updated.length} updated. Env: ${env.added.length} added, ${env.replaced.length} replaced.`);
    for (const c of env.conflicts) {
      notes.push(paint(ctx.color, 'yellow', `env ${c.key} is already ${describeValue(c.current)} (agent-trace would set ${c.ours}); kept yours. --force replaces it.`));
    }
    if (scope !== 'user') notes.push('Note: Claude Code is reported to ignore OTEL_* exporter variables in project settings; --scope user is the reliable place for them.');
  }

  const changed = JSON.stringify(settings) !== JSON.stringify(file.settings);
  const newText = changed ? formatJson(settings, file.style) : file.text;
  out.write(`Claude Code settings (${scope}): ${path}\n`);
  if (!changed) {
    out.write(uninstall ? 'Nothing of agent-trace is in this file; nothing changed.\n' : 'Already set up; nothing changed.\n');
  } else {
    const diff = unifiedDiff(file.text, newText, file.exists ? path : '/dev/null', path);
    out.write(`\n${diff}\n`);
    if (dryRun) out.write('Dry run: nothing was written.\n');
    else {
      const backup = writeSettingsFile(file, newText, ctx.now());
      out.write(backup ? `Written. The original is saved as ${backup}\n` : 'Written (new file).\n');
    }
  }
  for (const note of notes) out.write(`${note}\n`);
  if (!uninstall) {
    const days = typeof settings['cleanupPeriodDays'] === 'number' ? settings['cleanupPeriodDays'] : CLEANUP_DEFAULT_DAYS;
    out.write(
      `\nTranscripts: Claude Code deletes session transcripts older than cleanupPeriodDays (${days}${
        settings['cleanupPeriodDays'] === undefined ? ', the default' : ''
      }) when it starts, for good. agent-trace import can only read what is still there.${
        keepDays === undefined ? ' Raise it with --keep-transcripts-days N (e.g. 365).' : ''
      }\n\n${otherSourcesHelp(endpoint)}`,
    );
  }
  return 0;
};
