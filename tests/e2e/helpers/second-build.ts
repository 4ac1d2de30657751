// Makes "the next release" of the app for update tests: a copy of dist/ whose sw.js differs by a comment,
// which is all the browser needs to install a new service worker version.
//
// API (stable): makeSecondBuild(sourceDir?) → { dir, cleanup() }

import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './server-process.ts';

export async function makeSecondBuild(
  sourceDir = join(REPO_ROOT, 'dist'),
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'orderline-dist-'));
  const dir = join(parent, 'dist');
  await cp(sourceDir, dir, { recursive: true });
  await appendFile(join(dir, 'sw.js'), `\n// e2e second build ${Date.now()}\n`);
  return { dir, cleanup: () => rm(parent, { recursive: true, force: true }) };
}
