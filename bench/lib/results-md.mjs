// Writes one benchmark's figures into bench/RESULTS.md between markers, so each corpus size keeps
// its own section and a rerun replaces only its own.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const HEADER = `# Benchmark results

Produced by the scripts in this folder; see README.md for how to run them. Each section is
rewritten by its script; do not edit the figures by hand.
`;

export const upsertSection = (file, id, body) => {
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  const next = a >= 0 && b > a ? `${text.slice(0, a)}${block}${text.slice(b + end.length)}` : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
};
