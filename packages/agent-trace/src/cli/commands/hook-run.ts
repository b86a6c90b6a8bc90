import { runHookMain } from '../hook-main.js';
import type { CommandRun } from '../command.js';

export const runHook: CommandRun = async (ctx, values) => {
  const args = ['--data-dir', ctx.dataDir];
  if (typeof values['url'] === 'string') args.push('--url', values['url']);
  if (typeof values['agent'] === 'string') args.push('--agent', values['agent']);
  return runHookMain(args, ctx.env, process.stdin);
};
