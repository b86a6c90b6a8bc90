import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const SETTINGS_SCOPES = ['user', 'project', 'local'] as const;
export type SettingsScope = (typeof SETTINGS_SCOPES)[number];

/**
 * Claude Code's settings file for a scope (agent-formats.md §1.4): user → `$CLAUDE_CONFIG_DIR/settings.json`
 * (else `~/.claude/settings.json`), project → `./.claude/settings.json`, local → `./.claude/settings.local.json`
 * (not committed).
 */
export const claudeSettingsPath = (scope: SettingsScope, env: NodeJS.ProcessEnv, cwd: string): string => {
  switch (scope) {
    case 'user':
      return join(env['CLAUDE_CONFIG_DIR'] ? resolve(env['CLAUDE_CONFIG_DIR']) : join(env['HOME'] || homedir(), '.claude'), 'settings.json');
    case 'project':
      return join(cwd, '.claude', 'settings.json');
    case 'local':
      return join(cwd, '.claude', 'settings.local.json');
    default:
      return scope satisfies never;
  }
};
