// Makes "the next release" of the app for update tests: a copy of dist/ whose sw.js reports another version at
// /sw-version (sw/build-version.ts), which is also all the browser needs to install a new service worker version.
//
// API (stable): makeSecondBuild(sourceDir?) → { dir, swVersion, cleanup() }

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './server-process.ts';

/** The version string the build put in sw.js (vite.config.ts `__ORDERLINE_SW_VERSION__`). */
const SW_VERSION_LITERAL = /"(orderline-sw@[^"]+)"/;

export async function makeSecondBuild(
  sourceDir = join(REPO_ROOT, 'dist'),
): Promise<{ dir: string; swVersion: string; cleanup: () => Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'orderline-dist-'));
  const dir = join(parent, 'dist');
  await cp(sourceDir, dir, { recursive: true });
  const swPath = join(dir, 'sw.js');
  const sw = await readFile(swPath, 'utf8');
  const current = SW_VERSION_LITERAL.exec(sw)?.[1];
  if (current === undefined) throw new Error('dist/sw.js carries no "orderline-sw@…" version: rebuild');
  const swVersion = `${current}-next.${Date.now()}`;
  await writeFile(swPath, sw.replace(SW_VERSION_LITERAL, JSON.stringify(swVersion)));
  return { dir, swVersion, cleanup: () => rm(parent, { recursive: true, force: true }) };
}
