import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the browser app from src/web into dist; every asset is served by the local server. */
export const viteConfig = defineConfig({
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

// biome-ignore lint/style/noDefaultExport: Vite loads its config through the default export
export default viteConfig;
