import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `$AGENT_TRACE_HOME`, else `~/.agent-trace`; an explicit flag wins over both. */
export const resolveDataDir = (flag: string | undefined, env: NodeJS.ProcessEnv): string => {
  if (flag) return resolve(flag);
  const fromEnv = env['AGENT_TRACE_HOME'];
  if (fromEnv) return resolve(fromEnv);
  return join(homedir(), '.agent-trace');
};

export const STORE_FILE = 'agent-trace.db';
export const CONFIG_FILE = 'config.yaml';
