import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { resolveDataDir } from '../config/data-dir.js';
import type { HookOutcome } from '../ingest/hooks/client/run-hook.js';
import { parseHookArgs } from './hook-args.js';

/**
 * dist/hook.cjs, what Claude Code's settings run for `agent-trace hook`: it runs the hook (dist/hook-body.cjs)
 * compiled with V8's code cache, kept in the data dir. Most of the hook's own start-up is V8 compiling its
 * functions as they first run; from the cache they are deserialised instead. Measured on the bench machine with
 * the collector down (150 interleaved runs, python A/B of CPU and wall time): about 3 ms less per run of ~50 ms,
 * reading the two files and checking the cache included.
 *
 * The cache file holds a header line (this format, the body's SHA-256, the Node version and architecture, and
 * the outcomes of the runs it was made after) and V8's data. It is written, to a temporary file renamed into
 * place, after a run whose outcome it does not cover yet (a cache made after a forwarded event lacks the spool's
 * functions, compiled only when the collector is down), when there is none, or when V8 refused it (V8 checks its
 * own version, flags and the source's length). It is read only when it is the user's own and nobody else may
 * write it: it is code.
 */

export const CODE_CACHE_FILE = 'hook-code-cache.bin';
const FORMAT = 'agent-trace hook code cache 1';
/** Far above what V8 writes for the hook (~60 KiB): a file this large is not one of ours. */
const MAX_CACHE_BYTES = 16 * 1024 * 1024;

interface Cached {
  data: Buffer;
  outcomes: string[];
}

/** The cache when it is for this body on this Node, owned by this user and writable by no one else; else null. */
const readCache = (path: string, key: string): Cached | null => {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_CACHE_BYTES) return null;
    // POSIX only: Windows reports no owner, and modes that say nothing of who may write.
    if (process.getuid && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return null;
    const file = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < file.length) {
      const n = readSync(fd, file, read, file.length - read, null);
      if (n === 0) return null;
      read += n;
    }
    const newline = file.indexOf(10);
    if (newline < 0) return null;
    const [fileKey, outcomes] = file.toString('latin1', 0, newline).split('\t');
    if (fileKey !== key) return null;
    return { data: file.subarray(newline + 1), outcomes: (outcomes ?? '').split(',') };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
};

const writeCache = (path: string, key: string, outcomes: readonly string[], data: Buffer): void => {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    // The data dir as the spool creates it (spool/append-line.ts): the collector may not have run yet.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${key}\t${outcomes.join(',')}\n`, 'latin1'), data]), { mode: 0o600, flag: 'wx' });
    renameSync(temporary, path);
  } catch {
    // A read-only data dir, a race with another hook writing the same file: the next run tries again.
  }
};

type RunHookCommand = (argv: readonly string[], env: NodeJS.ProcessEnv, stdin: number) => Promise<HookOutcome | null>;

/**
 * Runs the hook body (a CommonJS bundle exporting runHookCommand, loading built-ins through `load`) with the code
 * cache of the data dir (resolved from the arguments and the environment as the hook does), updates the cache,
 * and gives the run's outcome.
 */
export const runCachedHook = async (
  body: { path: string; sha256: string; load: (id: string) => unknown },
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<HookOutcome | null> => {
  const bodyPath = body.path;
  const source = readFileSync(bodyPath, 'utf8');
  let cachePath: string | null = null;
  try {
    cachePath = join(resolveDataDir(parseHookArgs(argv).dataDir, env), CODE_CACHE_FILE);
  } catch {
    // The hook itself reports a data dir it cannot resolve.
  }
  const key = `${FORMAT} ${body.sha256} ${process.version} ${process.arch}`;
  const cached = cachePath === null ? null : readCache(cachePath, key);
  // The CommonJS module wrapper, written out: the body is a CommonJS bundle that needs `require` for built-ins.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bodyPath,
    ...(cached ? { cachedData: cached.data } : {}),
  });
  const module = { exports: {} as { runHookCommand?: RunHookCommand } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, body.load, module, bodyPath, dirname(bodyPath));
  const outcome = await (module.exports.runHookCommand as RunHookCommand)(argv, env, 0);
  if (cachePath !== null && outcome !== null) {
    const usable = cached !== null && !script.cachedDataRejected;
    if (!usable || !cached.outcomes.includes(outcome)) {
      writeCache(cachePath, key, [...new Set([...(usable ? cached.outcomes : []), outcome])], script.createCachedData());
    }
  }
  return outcome;
};
