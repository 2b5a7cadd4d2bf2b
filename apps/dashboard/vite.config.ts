import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Vite reads its configuration from the default export.
/** Builds the browser app from src/web into dist; every asset is served by the local server. */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
