// A data directory on disk that starts as the run's migrated template (tests/unit/setup/pglite-template.ts),
// for tests whose subject is not the first start: a new directory's cluster and migrations took ~4 s per
// directory at load 5. Tests of the first start, migrations, upgrades and modes keep making their own.
import { cp } from 'node:fs/promises';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data directory on which openStore (every migration) ran once; never opened by a test. */
    pgliteTemplateDir: string;
  }
}

/** Fills `dataDir` (new or empty) with a copy of the migrated template; returns it. */
export async function migratedDataDir(dataDir: string): Promise<string> {
  await cp(inject('pgliteTemplateDir'), dataDir, { recursive: true });
  return dataDir;
}
