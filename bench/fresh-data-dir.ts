// A new data directory for a measure that opens its own database (history, backup, bootstrap). When the run
// has a migrated template (the e2e global setup makes one, and the bench smoke test runs under it), the
// directory starts as a copy of it: a fresh PGlite cluster and every migration took ~4.4 s of each such open on
// an idle machine, 0.65 s from the copy. Either way openStore finds the same schema. The copy goes to the disk
// tmpdir, not to the template's RAM folder, so what a measure writes (a backup) still goes to a real disk.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyDataDirTemplate } from '../tests/e2e/helpers/server-process.ts';

export async function freshDataDir(prefix: string): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  await copyDataDirTemplate(dataDir);
  return dataDir;
}
