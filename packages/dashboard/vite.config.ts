import { defineConfig } from 'vite';

// Preact through the automatic JSX runtime; no plugin needed. Everything is bundled into dist/ (no CDN, no
// external font), and `agent-trace serve` serves that folder.
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, reportCompressedSize: false },
});
