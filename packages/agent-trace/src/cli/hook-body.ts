/**
 * What dist/hook-body.cjs exports: the hook, for the loader (hook-loader.ts) to run compiled with V8's code cache.
 * scripts/bundle-hook.mjs bundles it into that one CommonJS file.
 */
export { runHookCommand } from './hook-main.js';
