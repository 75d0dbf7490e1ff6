import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

// `npm run gen:icons` draws the app's icons (favicon, 192/512 PNG, maskable, Apple touch) from public/logo.svg.
export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    maskable: { ...minimal2023Preset.maskable, resizeOptions: { background: '#001529' } },
    apple: { ...minimal2023Preset.apple, resizeOptions: { background: '#001529' } },
  },
  images: ['public/logo.svg'],
});
