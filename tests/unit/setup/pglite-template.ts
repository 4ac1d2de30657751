// Vitest global setup: one migrated PGlite database, dumped once per run, that every in-memory store of the
// unit tests starts from (tests/unit/server/memory-store.ts). Creating a cluster and running every migration
// took 5–7 s per database on this machine and the suite opens dozens; loading the dump takes ~2 s. The dump
// is made by the real migrations on a real data directory, so a test sees exactly what a new server sees.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../../server/store/open-store.ts';
import { PGLITE_EXTENSIONS } from '../../../server/store/pglite-extensions.ts';
// The `pgliteTemplate` and `pgliteTemplateDir` keys of vitest's ProvidedContext are declared beside their readers.
import type {} from '../server/memory-store.ts';
import type {} from '../server/migrated-data-dir.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'orderline-pglite-template-'));
  const dataDir = join(dir, 'data');
  // openStore makes a data directory private by setting this process's umask to 077; the test workers are
  // forked from this process and inherit it, so it is put back (tests check the modes of files they write).
  const umask = process.umask(0o022);
  try {
    const store = await openStore({ dataDir });
    await store.close();
  } finally {
    process.umask(umask);
  }
  const db = await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS });
  const dump = await db.dumpDataDir('none');
  await db.close();
  const file = join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  // The migrated directory itself, for the tests that need a data directory on disk (migrated-data-dir.ts).
  project.provide('pgliteTemplateDir', dataDir);
  return () => rm(dir, { recursive: true, force: true });
}
