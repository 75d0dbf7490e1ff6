import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { ptwBuildManifest } from './build/manifest-plugin.ts';
import { pages } from './src/app/pages.ts';

const frontendDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  base: '/',
  plugins: [react(), ptwBuildManifest({ frontendDir, pages })],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
  build: {
    // Ant Design's shell components and CSS-in-JS runtime make a ~700 kB (220 kB gzip) entry chunk;
    // splitting it further only adds requests, since every page needs it.
    chunkSizeWarningLimit: 800,
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    restoreMocks: true,
    testTimeout: 20_000,
    unstubGlobals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'ui',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['./src/test/setup.ts'],
        },
      },
      { extends: true, test: { name: 'build', include: ['tests/**/*.test.ts'], environment: 'node' } },
    ],
  },
});
