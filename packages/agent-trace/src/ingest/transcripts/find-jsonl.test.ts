import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { after, describe, it } from 'node:test';
import { filesFromPaths, findJsonlFiles } from './find-jsonl.js';
import type { TranscriptProblem } from './types.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-find-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** The walk as it was written with path.join: the reference for the paths and their order. */
const referenceWalk = (dir: string, out: string[], problems: TranscriptProblem[]): void => {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    problems.push({ file: dir, line: null, message: `cannot list folder: ${(err as Error).message}` });
    return;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) referenceWalk(full, out, problems);
    else if (entry.name.endsWith('.jsonl')) {
      if (entry.isFile()) out.push(full);
      else if (entry.isSymbolicLink()) {
        try {
          if (statSync(full).isFile()) out.push(full);
        } catch {
          // a dangling link is skipped
        }
      }
    }
  }
};

describe('findJsonlFiles', () => {
  const tree = join(root, 'projects');
  const write = (rel: string): void => {
    mkdirSync(join(tree, rel, '..'), { recursive: true });
    writeFileSync(join(tree, rel), '{}\n');
  };
  for (const rel of [
    'a/s1.jsonl',
    'a/s1/subagents/agent-1.jsonl',
    'a/s1/subagents/notes.txt',
    'a-b/s2.jsonl',
    'a.b/..s3.jsonl',
    'a.b/.hidden.jsonl',
    'with space/é ü.jsonl',
    'deep/x/y/z/w.jsonl',
    'empty/.keep',
    'top.jsonl',
    'top.jsonl.bak',
  ]) {
    write(rel);
  }
  symlinkSync(join(tree, 'a', 's1.jsonl'), join(tree, 'link.jsonl'));
  symlinkSync(join(tree, 'missing.jsonl'), join(tree, 'dangling.jsonl'));
  symlinkSync(join(tree, 'a'), join(tree, 'linked-folder'));

  it('lists the same paths, in the same order, as a walk that joins with path.join', async () => {
    for (const start of [tree, `${tree}${sep}`, `${tree}${sep}${sep}`, join(tree, 'a', '..', 'a-b'), `${tree}${sep}.${sep}deep`]) {
      const got: string[] = [];
      const gotProblems: TranscriptProblem[] = [];
      await findJsonlFiles(start, got, gotProblems);
      const want: string[] = [];
      const wantProblems: TranscriptProblem[] = [];
      referenceWalk(start, want, wantProblems);
      assert.deepEqual(got, want, start);
      assert.deepEqual(gotProblems, wantProblems, start);
    }
    const all: string[] = [];
    await findJsonlFiles(tree, all, []);
    assert.equal(all.length, 9, all.join('\n'));
    assert.ok(all.includes(join(tree, 'link.jsonl')) && !all.includes(join(tree, 'dangling.jsonl')));
    assert.ok(!all.some((f) => f.startsWith(join(tree, 'linked-folder'))), 'symlinked folders are not followed');
  });

  it('reports an unlistable folder by the path it was given', async () => {
    const problems: TranscriptProblem[] = [];
    const out: string[] = [];
    const missing = `${tree}${sep}nope${sep}`;
    await findJsonlFiles(missing, out, problems);
    assert.deepEqual(out, []);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.file, missing);
    assert.match(problems[0]!.message, /^cannot list folder: ENOENT/);
    const fromPaths = await filesFromPaths([join(tree, 'top.jsonl'), join(tree, 'deep')], []);
    assert.deepEqual(fromPaths, [join(tree, 'top.jsonl'), join(tree, 'deep', 'x', 'y', 'z', 'w.jsonl')]);
  });
});
