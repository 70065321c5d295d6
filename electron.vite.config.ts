// Builds the three Electron targets into out/: main (the shell entry `index` and the
// browser-mode entry `browser`, which shares every service but never imports electron),
// the sandboxed preload as CommonJS with its dependencies bundled in, and the renderer.
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };
const define = { __TAGDESK_VERSION__: JSON.stringify(pkg.version) };

export default defineConfig({
  main: {
    define,
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/shell/main.ts'),
          browser: resolve(import.meta.dirname, 'src-main/host/browser-main.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only a few Electron modules: bundle zod and the contract.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    define,
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified; minified, the panel's start-up script is
      // less than half the size to parse (the cold-start budget is 1.5 s).
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') } },
    },
  },
});
