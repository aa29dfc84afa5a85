/**
 * Vite build of the civicgrid web UI: root web/, output web/dist/, served statically by the api
 * server at `/`. In development the dev server (and `vite preview`) proxy `/api` and `/tiles` to
 * the api server, so the page always talks to its own origin.
 *
 *   npx vite build --config web/vite.config.ts
 *   npx vite --config web/vite.config.ts          # dev server on :5173
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const webDir = path.dirname(fileURLToPath(import.meta.url));

// build tooling, not the server: CIVICGRID_API_URL only redirects the dev proxy.
const apiTarget = process.env.CIVICGRID_API_URL ?? 'http://localhost:3000';
const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiTarget, changeOrigin: true },
  '/tiles': { target: apiTarget, changeOrigin: true },
};

export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(webDir, 'dist'),
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB minified; it is one library, not accidental bloat.
    chunkSizeWarningLimit: 1400,
  },
  server: { proxy },
  preview: { proxy },
});
