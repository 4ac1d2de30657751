// Playwright global setup: one PGlite data directory migrated once per run, that every e2e server started on a
// fresh data dir begins from (a copy of it: helpers/server-process.ts). Creating a cluster and running every
// migration took ~4.5 s of each server's ~10 s start at load 4.5, and a run starts ~40 servers. The directory
// holds only what openStore writes (the migrated database): tls/ (the local CA), server.json (its backup
// token) and backups/ are made by each server in its own copy, so no two servers share a CA or a token.
// Fresh data dirs (and the template) live in /dev/shm where there is one: copying the template's 1,100 files
// took ~1 s on this ext4 disk and 0.1 s in RAM.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DATA_DIR_TEMPLATE_ENV, DATA_ROOT_ENV, REPO_ROOT } from '../helpers/server-process.ts';

const run = promisify(execFile);
const RAM_DIR = '/dev/shm';

export default async function setup(): Promise<() => Promise<void>> {
  const root = existsSync(RAM_DIR) ? RAM_DIR : tmpdir();
  const parent = await mkdtemp(join(root, 'orderline-e2e-template-'));
  const dataDir = join(parent, 'data');
  // A child process: openStore sets the process umask to 077 and PGlite holds ~0.7 GB until it is collected,
  // neither of which belongs in the runner that forks the workers.
  await run(process.execPath, ['--import', 'tsx', 'tests/e2e/setup/migrate-data-dir.ts', dataDir], {
    cwd: REPO_ROOT,
  });
  // Workers (and the processes they spawn, such as the bench smoke run) inherit the runner's environment.
  process.env[DATA_DIR_TEMPLATE_ENV] = dataDir;
  process.env[DATA_ROOT_ENV] = root;
  return async () => {
    delete process.env[DATA_DIR_TEMPLATE_ENV];
    delete process.env[DATA_ROOT_ENV];
    await rm(parent, { recursive: true, force: true });
  };
}
