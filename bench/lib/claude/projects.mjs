// The projects a simulated developer works in, each with its own source tree. File contents are made
// once per project and reused, so repeated reads of the same file return the same text, as they do.
import { ident, sourceFile } from './text.mjs';

const PROJECT_PATHS = [
  '/home/dev/work/shop-api', '/home/dev/work/shop-web', '/home/dev/work/shop/packages/billing',
  '/home/dev/work/infra', '/home/dev/work/data_pipeline', '/home/dev/work/my.app',
  '/home/dev/src/github.com/acme/cli-tool', '/home/dev/src/github.com/acme/docs-site',
  '/home/dev/oss/fast-json', '/home/dev/oss/tiny-router', '/home/dev/experiments/rag-demo',
  '/home/dev/experiments/agent sandbox', '/home/dev/work/mobile-app', '/home/dev/work/analytics',
  '/home/dev/work/auth-service', '/home/dev/work/payments', '/home/dev/notes', '/home/dev/dotfiles',
  '/home/dev/work/search-indexer', '/home/dev/work/monorepo/apps/admin',
  '/home/dev/work/monorepo/apps/portal', '/home/dev/work/ml-serving', '/home/dev/oss/jsonl-tools',
  '/home/dev/work/customer-portal-v2',
];

const DIRS = ['src', 'src/lib', 'src/routes', 'src/db', 'src/util', 'test', 'scripts', 'src/components'];
const EXTS = ['ts', 'ts', 'ts', 'tsx', 'js', 'py', 'go', 'md', 'json', 'sql'];

/** Encodes a cwd the way Claude Code names project folders. */
export const encodeCwd = (cwd) => cwd.replace(/[^a-zA-Z0-9]/g, '-');

export class Project {
  constructor(rng, cwd) {
    this.cwd = cwd;
    this.dir = encodeCwd(cwd);
    this.rng = rng;
    this.branches = ['main', 'main', 'main', `feat/${ident(rng)}`, `fix/${ident(rng)}`, 'develop'];
    this.files = [];
    const count = rng.int(25, 60);
    for (let i = 0; i < count; i++) {
      const dir = rng.pick(DIRS);
      // Most files are a few KB; a long tail goes up to ~150 KB (generated code, fixtures, lock files).
      const bytes = Math.min(150_000, Math.max(200, Math.round(rng.logNormal(4_500, 1.0))));
      this.files.push({ path: `${cwd}/${dir}/${ident(rng)}-${i}.${rng.pick(EXTS)}`, bytes, content: undefined });
    }
  }

  /** A file of the project with its content (made on first use). */
  file(rng) {
    const f = rng.pick(this.files);
    f.content ??= sourceFile(this.rng.fork(f.path), f.bytes);
    return f;
  }
}

export const makeProjects = (rng, count) =>
  PROJECT_PATHS.slice(0, Math.min(count, PROJECT_PATHS.length)).map((cwd) => new Project(rng.fork(cwd), cwd));
