// Builds "the next release" of the app for the SW-upgrade fault: a copy of the sources whose service worker
// bumps its IndexedDB version (sw/db.ts DB_VERSION + 1), built with the project's own Vite config.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/server-process.ts';

const run = promisify(execFile);
const COPIED = [
  'src',
  'sw',
  'protocol',
  'public',
  'index.html',
  'vite.config.ts',
  'manifest.webmanifest',
  'package.json',
];

export interface NextBuild {
  distDir: string;
  dbVersion: number;
}

export async function buildNextVersion(): Promise<NextBuild> {
  const dir = await mkdtemp(join(tmpdir(), 'orderline-next-'));
  for (const entry of COPIED) await cp(join(REPO_ROOT, entry), join(dir, entry), { recursive: true });
  await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  const dbFile = join(dir, 'sw', 'db.ts');
  const source = await readFile(dbFile, 'utf8');
  const match = /export const DB_VERSION = (\d+);/.exec(source);
  if (!match?.[1])
    throw new Error('sw/db.ts no longer declares `export const DB_VERSION = <n>;`: update this build');
  const dbVersion = Number(match[1]) + 1;
  // Only the version moves: the upgrade callback's existing steps are skipped (oldVersion is already
  // current), which is the realistic shape of a release that adds nothing yet must take the DB over.
  await writeFile(dbFile, source.replace(match[0], `export const DB_VERSION = ${dbVersion};`));
  await run(
    process.execPath,
    [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return { distDir: join(dir, 'dist'), dbVersion };
}
