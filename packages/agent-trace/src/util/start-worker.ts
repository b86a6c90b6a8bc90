import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker whose entry module is `name` (no extension) beside the module at `moduleUrl` (the caller's
 * import.meta.url):
 * - built: the one-file CommonJS bundle `<name>.cjs` when the build made one (scripts/bundle-cli.mjs: the import's
 *   parse worker starts from it in 38 ms instead of 64 ms from ~20 ES modules), else the compiled `<name>.js`;
 * - TypeScript run through tsx (the tests): a worker does not inherit tsx's loader, so it registers it before
 *   loading `<name>.ts`.
 */
export const startWorker = (moduleUrl: string, name: string, options: WorkerOptions = {}): Worker => {
  if (!moduleUrl.endsWith('.ts')) {
    const bundled = new URL(`./${name}.cjs`, moduleUrl);
    return new Worker(existsSync(fileURLToPath(bundled)) ? bundled : new URL(`./${name}.js`, moduleUrl), options);
  }
  const entry = new URL(`./${name}.ts`, moduleUrl).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
};
