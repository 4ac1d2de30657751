// Build: Preact app from src/, TypeScript service worker from sw/ (vite-plugin-pwa, injectManifest),
// web app manifest from the top-level manifest.webmanifest (its single source).
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const manifest = JSON.parse(readFileSync(new URL('./manifest.webmanifest', import.meta.url), 'utf8'));

// Shipped JS has a 30 KiB gzip budget before the counter is usable (DESIGN.md Part 2). Terser on ES modules is
// ~0.3 KiB smaller than the default minifier on our bundles; a third pass and ES2020 output take ~0.05 more. The SW is built by vite-plugin-pwa in a separate
// configFile-less build that inherits `minify` but not `terserOptions`, hence the small plugin below.
const terserOptions = { module: true, ecma: 2020, compress: { passes: 3 } } as const;

export default defineConfig({
  // Telemetry names the build a device runs (src/app-version.ts).
  // The worker answers its version at /sw-version (sw/build-version.ts).
  define: {
    'import.meta.env.VITE_APP_VERSION': JSON.stringify(String(packageJson.version)),
    __ORDERLINE_SW_VERSION__: JSON.stringify(`orderline-sw@${String(packageJson.version)}`),
  },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      // The output is named after the entry, so the entry is sw/sw.ts (served as /sw.js).
      filename: 'sw.ts',
      // The page registers the SW itself through workbox-window (src/sw-bridge.ts).
      injectRegister: false,
      registerType: 'prompt',
      manifest,
      manifestFilename: 'manifest.webmanifest',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        buildPlugins: {
          vite: [{ name: 'orderline-sw-terser-options', config: () => ({ build: { terserOptions } }) }],
        },
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2022',
    // Built for debugging from the repository; bundles do not point at them and the server never serves them.
    sourcemap: 'hidden',
    minify: 'terser',
    terserOptions,
    // No modulepreload links for a lazy screen's shared chunks: that list of every chunk name sat in the entry
    // (~0.25 KiB gzip) to save one round trip to the SW's precache when a screen first opens.
    modulePreload: false,
    rolldownOptions: {
      output: {
        // Everything the entry loads statically stays in the entry's one file (`$initial`: the modules of its
        // static import graph), and lazy chunks import what they share with it from there. Left to itself the
        // bundler split Preact, its hooks, its JSX runtime and the shared settings into chunks of their own by
        // which lazy chunks use them, and the split moved with unrelated changes. One file also means one fetch
        // from the precache before the counter starts, and no chunk names and export lists between files:
        // gzip 0.55 KiB smaller than the entry beside one pinned `start` chunk (50.98 → 50.43 KiB, 7 December).
        codeSplitting: {
          groups: [{ name: 'start', tags: ['$initial'] }],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/healthz': 'http://localhost:8080' } },
});
