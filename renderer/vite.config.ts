import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const rendererRoot = import.meta.dirname;

/**
 * Builds the renderer alone into out/renderer.
 *
 * electron-vite builds it together with main and preload for the app; this config exists so the
 * end-to-end tests and the UI benchmark can build and serve just the renderer in Chromium.
 * `base: './'` keeps asset URLs relative, which the app's custom protocol and the tests' static
 * server both need.
 */
export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${import.meta.dirname}/../out/renderer`,
    emptyOutDir: true,
    // No inline module-preload polyfill: the CSP allows only 'self' scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
