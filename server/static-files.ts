// Serves the built app from dist/: hashed /assets/* cached for a year, everything else revalidated
// (sw.js, index.html, the manifest), and unknown non-API GETs fall back to index.html (SPA routes).

import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** Registers static serving; returns false (and serves a hint at `/`) when dist/ was not built. */
export async function serveStaticFiles(app: FastifyInstance, distDir: string): Promise<boolean> {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply
        .code(200)
        .type('text/plain; charset=utf-8')
        .send('The app is not built yet: run `npm run build`.\n'),
    );
    return false;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    cacheControl: false,
    etag: true,
    lastModified: true,
    // Built (vite sourcemap: 'hidden') but never served: they would hand out the original source.
    allowedPath: (pathName) => !/\.map$/i.test(pathName),
    setHeaders(res, path) {
      const hashedAsset = path.includes(`${sep}assets${sep}`);
      res.setHeader('cache-control', hashedAsset ? IMMUTABLE : REVALIDATE);
    },
  });
  return true;
}
