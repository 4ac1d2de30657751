// Keeps the PGlite data directory private to the server's user: customer names, credential hashes and
// pg_hba.conf must not be readable by other accounts on the machine, whoever made the directory first.

import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Owner-only bits: what every directory (0700) and file (0600 or less) keeps. */
const OWNER_ONLY = 0o700;

/** Strips group and other bits from `path` and everything under it (symlinks are left alone). */
async function restrictTree(path: string): Promise<void> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) return;
  if ((info.mode & 0o077) !== 0) await chmod(path, info.mode & OWNER_ONLY);
  if (!info.isDirectory()) return;
  for (const entry of await readdir(path)) await restrictTree(join(path, entry));
}

/**
 * Makes (or tightens) `dir` to 0700 with no group/other bits on anything inside, and sets the process umask to
 * 077 for whatever else the process writes there. PGlite's file system gives the files it creates 0666 whatever
 * the umask, so openStore calls tightenDataDir again once the database is open; files it makes later are still
 * unreachable for other users behind the 0700 directory, and are tightened at the next start.
 */
export async function preparePrivateDataDir(dir: string): Promise<void> {
  try {
    process.umask(0o077);
  } catch {
    // Worker threads cannot change the umask; the chmod below still covers what exists at open.
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await restrictTree(dir);
}

/** Strips group/other bits from everything under `dir` again (after PGlite created its files). */
export async function tightenDataDir(dir: string): Promise<void> {
  await restrictTree(dir);
}
