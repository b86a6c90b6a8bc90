// Where a corpus lives and whether an existing one matches the wanted parameters.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the generator's output changes, so stale corpora are regenerated. */
export const CORPUS_FORMAT = 2;

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

export const defaultCorpusDir = (p) => join(BENCH_DIR, '.corpus', `claude-${p.sizeMb}mb-${p.sessions}s-${p.seed}`);

/** The manifest of the corpus at `dir` when it was made with exactly `params`, else undefined. */
export const matchingCorpus = (dir, params) => {
  const file = join(dir, 'corpus.json');
  if (!existsSync(file)) return undefined;
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const same = Object.entries(params).every(([k, v]) => manifest.params?.[k] === v);
  return same ? manifest : undefined;
};
