// Vite builds three browser-side bundles, chosen by --mode:
//   (default)   the renderer: renderer/index.html → dist/renderer (what Electron loads over app://)
//   preload     the preload: one sandbox-compatible CommonJS file → dist/preload/preload.cjs
//   host-shim   the browser host's `window.atm` over WebSocket → dist/browser-host/atm-shim.js (never packaged)
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig(({ mode }) => {
  if (mode === 'preload') {
    return {
      build: {
        outDir: resolve(root, 'dist/preload'),
        emptyOutDir: true,
        minify: false,
        target: 'chrome140',
        lib: { entry: resolve(root, 'electron/preload.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
        rollupOptions: { external: ['electron'] },
      },
    };
  }
  if (mode === 'host-shim') {
    return {
      build: {
        outDir: resolve(root, 'dist/browser-host'),
        emptyOutDir: true,
        target: 'chrome140',
        lib: { entry: resolve(root, 'renderer/browser-host/atm-shim.ts'), formats: ['iife'], name: 'atmShim', fileName: () => 'atm-shim.js' },
      },
    };
  }
  return {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'dist/renderer'),
      emptyOutDir: true,
      target: 'chrome140',
      // No eval and no inline scripts, so the app:// CSP can stay `script-src 'self'`.
      modulePreload: { polyfill: false },
    },
    server: { host: '127.0.0.1', strictPort: true, port: 5173 },
  };
});
