// The PGlite data directory is private to the server's user (issue 26): 0700, and no file or directory inside
// with group or other bits, whether the server made it (with TLS_CERT_FILE no tls/ is made first) or found it.

import { chmod, lstat, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../server/store/open-store.ts';

let root: string;
let umaskBefore: number;

beforeAll(async () => {
  umaskBefore = process.umask();
  // A parent anyone can read, like a shop machine's home or /srv.
  root = await mkdtemp(join(tmpdir(), 'orderline-data-mode-'));
  await chmod(root, 0o755);
});
afterAll(async () => {
  process.umask(umaskBefore);
  await rm(root, { recursive: true, force: true });
});

/** Every path under `dir` (itself included) whose mode lets group or other users in, with its mode. */
async function openToOthers(dir: string): Promise<string[]> {
  const found: string[] = [];
  const info = await lstat(dir);
  if ((info.mode & 0o077) !== 0) found.push(`${dir} ${(info.mode & 0o777).toString(8)}`);
  if (info.isDirectory()) {
    for (const entry of await readdir(dir)) found.push(...(await openToOthers(join(dir, entry))));
  }
  return found;
}

describe('PGlite data directory permissions', () => {
  it('a directory the server creates is 0700 with nothing readable by others', async () => {
    const dataDir = join(root, 'fresh', 'data');
    process.umask(0o022);
    const store = await openStore({ dataDir });
    await store.close();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(await openToOthers(dataDir)).toEqual([]);
  }, 120_000);

  it('a directory that existed (0755, a 0666 file in it) is tightened on open', async () => {
    const dataDir = join(root, 'existing');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, 'notes.txt'), 'left by the owner');
    await chmod(join(dataDir, 'notes.txt'), 0o666);
    process.umask(0o022);
    const store = await openStore({ dataDir });
    await store.close();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(await openToOthers(dataDir)).toEqual([]);
  }, 120_000);
});
