import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));

// The radiator UI: built into dist/web, which `orgwire serve` serves beside the API.
export default defineConfig({
  root: webDir,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // Cytoscape with its fcose layout is one 570 kB chunk, loaded only by the two pages
    // that draw an org map (each page is its own chunk).
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
