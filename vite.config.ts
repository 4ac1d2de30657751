// Build: Preact app from src/, TypeScript service worker from sw/ (vite-plugin-pwa, injectManifest),
// web app manifest from the top-level manifest.webmanifest (its single source).
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const manifest = JSON.parse(readFileSync(new URL('./manifest.webmanifest', import.meta.url), 'utf8'));

// Shipped JS has a 30 KiB gzip budget before the counter is usable (DESIGN.md Part 2). Terser on ES modules is
// ~0.3 KiB smaller than the default minifier on our bundles; a third pass and ES2020 output take ~0.05 more. The SW is built by vite-plugin-pwa in a separate
// configFile-less build that inherits `minify` but not `terserOptions`, hence the small plugin below.
const terserOptions = { module: true, ecma: 2020, compress: { passes: 3 } } as const;

/** Modules the entry and lazy chunks share, pinned to one chunk (see `codeSplitting` below). */
const START_SHARED =
  /node_modules[\\/](preact[\\/](dist|hooks|jsx-runtime)|@lingui)[\\/]|src[\\/]i18n\.ts|protocol[\\/](settings|locales)\.ts/;

/**
 * `<link rel="modulepreload">` in index.html for every chunk the entry imports statically. With Vite's own
 * module preload off (above in `build`: its runtime helper cost the entry ~0.25 KiB), the browser found those
 * chunks only after fetching and parsing the entry, one more trip to the cache before the counter can start
 * (~15–20 ms of a cold start in a trace). Links cost no JS; bench `bundle_gzip_kib` counts the same files.
 */
function entryPreloads(): Plugin {
  return {
    name: 'orderline-entry-preloads',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const entry = context.chunk;
        if (entry === undefined || entry.type !== 'chunk') return [];
        return entry.imports.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: '', href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  // Telemetry names the build a device runs (src/app-version.ts).
  // The worker answers its version at /sw-version (sw/build-version.ts).
  define: {
    'import.meta.env.VITE_APP_VERSION': JSON.stringify(String(packageJson.version)),
    __ORDERLINE_SW_VERSION__: JSON.stringify(`orderline-sw@${String(packageJson.version)}`),
  },
  plugins: [
    preact(),
    entryPreloads(),
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
        // What every start needs and lazy chunks share, in one chunk: Preact, its hooks and JSX runtime (not
        // compat: only lazy chunks use it), Lingui's runtime with src/i18n.ts, and the settings and locales the
        // page and worker share. Left to itself the bundler split them by which lazy chunks share which part
        // (four files), and the split moved with unrelated changes; one file gzips 0.34 KiB smaller than four.
        codeSplitting: {
          groups: [{ name: 'start', test: START_SHARED }],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/healthz': 'http://localhost:8080' } },
});
