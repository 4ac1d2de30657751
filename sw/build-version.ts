// Which build this worker is, answered by the worker itself at /sw-version: the page and its tests can tell the
// version that controls a tab (the page's own bundle may be the same in two releases; the worker is what updates).

/** package.json's version, put in by vite.config.ts's `define` (the worker is built with the same config). */
declare const __ORDERLINE_SW_VERSION__: string | undefined;

export const SW_VERSION_PATH = '/sw-version';

export const SW_VERSION: string =
  typeof __ORDERLINE_SW_VERSION__ === 'string' ? __ORDERLINE_SW_VERSION__ : 'dev';

export function versionResponse(): Response {
  return new Response(JSON.stringify({ version: SW_VERSION }), {
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}
