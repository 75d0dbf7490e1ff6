import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { ptwBuildManifest } from './build/manifest-plugin.ts';
import { pages } from './src/app/pages.ts';

const frontendDir = fileURLToPath(new URL('.', import.meta.url));
const THEME_COLOUR = '#001529';

export default defineConfig({
  base: '/',
  plugins: [
    react(),
    ptwBuildManifest({ frontendDir, pages }),
    // The installable app: manifest, icons (npm run gen:icons) and the service worker of src/sw/ (docs/field-use.md).
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'serviceWorker.ts',
      // The page registers the worker itself (src/lib/offline/serviceWorker.ts), to tie updates to the banner.
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      injectManifest: {
        // Every chunk, the lazily loaded pages, tabs and dialogs too, so they all open without signal.
        globPatterns: ['**/*.{js,css,html,png,svg,ico}'],
        // The reports page's charts make a ~1.6 MB chunk; it is precached like the rest.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
      manifest: {
        id: '/',
        name: 'PTW',
        short_name: 'PTW',
        description: 'Permits to work: request, approve, hold and close them at the work site.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME_COLOUR,
        background_color: THEME_COLOUR,
        icons: [
          { src: '/pwa-64x64.png', sizes: '64x64', type: 'image/png' },
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: '/maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
  build: {
    // dist/.vite/manifest.json: the chunk graph tests/first-load-budget.test.ts measures the permit page's
    // first load by (docs/field-use.md, "JS budget"). It names no more than index.html and the JS already do.
    manifest: true,
    // Only the reports page's charts (~1.6 MB, loaded when a chart is shown) pass this; the first load of a
    // page is held by the JS budget instead.
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
