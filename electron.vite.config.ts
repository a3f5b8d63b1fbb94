/**
 * Builds the three parts of the desktop app into out/: main (ESM), preload (CommonJS, as a
 * sandboxed preload must be) and the renderer (served by the app:// protocol).
 *
 * Dependencies of the main process stay external (node_modules ships inside the asar; keytar's
 * native .node file is unpacked from it, see electron-builder.yml). The preload bundles its few
 * imports so that it is one self-contained file, which the Electron sandbox requires.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: here('./out/main'),
      externalizeDeps: true,
      rollupOptions: {
        input: { index: here('./main/index.ts') },
        // Native and ESM-only packages are loaded from node_modules at run time, never bundled.
        external: ['electron', 'keytar', 'electron-store', 'conf'],
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: here('./out/preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: here('./preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('./renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: here('./out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves bundles unminified by default; the renderer is parsed at every start.
      minify: true,
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      rollupOptions: { input: { index: here('./renderer/index.html') } },
    },
  },
});
