// Lays sessions out as a Claude config dir: projects/<encoded-cwd>/<session>.jsonl and
// projects/<encoded-cwd>/<session>/subagents/agent-<id>.jsonl.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../prng.mjs';
import { uuid } from './ids.mjs';
import { makeProjects } from './projects.mjs';
import { generateSession } from './session.mjs';

const DAY = 86_400_000;

// Working hours carry most sessions; a few start late enough to run past midnight UTC.
const HOURS = Array.from({ length: 24 }, (_, h) => [h >= 8 && h <= 19 ? 10 : h >= 20 ? 3 : 1, h]);

/**
 * @param {{ out: string, sizeBytes: number, sessions: number, seed: string, endDate: string, days: number, projects: number }} o
 */
export const generateCorpus = (o, onProgress = () => {}) => {
  const rng = new Rng(o.seed);
  const projects = makeProjects(rng.fork('projects'), o.projects);
  const endMs = Date.parse(`${o.endDate}T00:00:00Z`);
  const budgets = Array.from({ length: o.sessions }, () => rng.logNormal(1, 1.1));
  let rawLeft = budgets.reduce((a, b) => a + b, 0);
  const stats = { sessions: 0, subagentFiles: 0, files: 0, bytes: 0, lines: 0, projects: new Set(), days: new Set() };

  for (let i = 0; i < o.sessions; i++) {
    const srng = rng.fork(`session-${i}`);
    // Each budget is a share of what is left, so overshoot by earlier sessions is paid back.
    const budgetBytes = (budgets[i] / rawLeft) * (o.sizeBytes - stats.bytes);
    rawLeft -= budgets[i];
    const project = srng.pick(projects);
    const day = endMs - srng.int(0, o.days - 1) * DAY;
    const startMs = day + srng.weighted(HOURS) * 3_600_000 + srng.int(0, 3_599_999);
    const sessionId = uuid(srng);
    const { main, subagents } = generateSession({ rng: srng, project, sessionId, startMs, budgetBytes });

    const dir = join(o.out, 'projects', project.dir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${sessionId}.jsonl`), main.text());
    if (subagents.length) {
      const subDir = join(dir, sessionId, 'subagents');
      mkdirSync(subDir, { recursive: true });
      for (const s of subagents) writeFileSync(join(subDir, `agent-${s.agentId}.jsonl`), s.text());
    }
    for (const t of [main, ...subagents]) {
      stats.bytes += t.bytes;
      stats.lines += t.lines.length;
      stats.files++;
    }
    stats.sessions++;
    stats.subagentFiles += subagents.length;
    stats.projects.add(project.cwd);
    stats.days.add(new Date(startMs).toISOString().slice(0, 10));
    onProgress(i + 1, stats.bytes);
  }
  return { ...stats, projects: stats.projects.size, days: stats.days.size };
};
