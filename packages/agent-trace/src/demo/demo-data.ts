import type { Store, WriteBatch } from '../store/types.js';
import { SeededRandom } from './seeded-random.js';
import { syntheticSession } from './synthetic-session.js';

/** Every demo project name says what it is, so demo data is never mistaken for real data. */
export const DEMO_PROJECTS = ['demo-shop', 'demo-api-server', 'demo-notebooks'] as const;
const DEMO_USERS = ['demo-ana', 'demo-ben'] as const;
const DEMO_MODELS = ['claude-sonnet-4-5-20250929', 'claude-opus-4-5-20251101', 'claude-haiku-4-5-20251001'] as const;
const DAY_MS = 86_400_000;

/**
 * The demo data set: about 60 sessions over the last 30 days across three projects and two users, one of
 * them still running. Deterministic for a given `now` (day-aligned), written through `process` (pricing).
 */
export const writeDemoData = async (store: Store, process: (batch: WriteBatch) => WriteBatch, now: Date): Promise<{ sessions: number; spans: number }> => {
  const rng = new SeededRandom(20250301);
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  let sessions = 0;
  let spans = 0;
  for (let day = 29; day >= 0; day--) {
    const perDay = rng.int(1, 3);
    for (let k = 0; k < perDay; k++) {
      const running = day === 0 && k === perDay - 1;
      const startMs = running ? now.getTime() - 10 * 60_000 : today - day * DAY_MS + rng.int(8, 20) * 3_600_000 + rng.int(0, 59) * 60_000;
      const batch = syntheticSession({
        id: `demo-${String(29 - day).padStart(2, '0')}-${k}`,
        seed: rng.int(1, 2 ** 30),
        startMs: Math.min(startMs, now.getTime() - 60_000),
        spans: rng.pick([20, 40, 80, 150, 300]),
        project: rng.pick(DEMO_PROJECTS),
        user: rng.pick(DEMO_USERS),
        models: rng.chance(0.3) ? DEMO_MODELS : [DEMO_MODELS[0]],
        running,
        content: true,
      });
      await store.write(process(batch));
      sessions++;
      spans += batch.spans?.length ?? 0;
    }
  }
  return { sessions, spans };
};
