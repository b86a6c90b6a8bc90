// What the figures were measured on.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

export const machineInfo = (repoRoot) => {
  const git = (args) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).stdout?.trim() ?? '';
  const dirty = git(['status', '--porcelain', '--', 'packages']) !== '';
  return {
    cpu: `${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'unknown CPU'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    kernel: `Linux ${release()}`,
    node: process.version,
    // Other work on the machine skews the figures; the 1-minute load average at the end says how busy it was.
    load: loadavg()[0].toFixed(2),
    commit: `${git(['rev-parse', '--short', 'HEAD']) || 'unknown'}${dirty ? ' (+ uncommitted changes in packages/)' : ''}`,
  };
};
