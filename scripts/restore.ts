// `npm run restore -- FILE`: puts a backup back, with the server stopped. The file is checked completely
// before anything is touched; the data directory as it was is kept beside the restored one.

import { BackupFileError } from '../server/backup/backup-archive.ts';
import { restorePglite, ServerRunningError } from '../server/backup/pglite-restore.ts';
import { PostgresToolMissing, restorePostgres } from '../server/backup/postgres-backup.ts';
import { otherConnections } from '../server/backup/postgres-connections.ts';

const dataDir = process.env.ORDERLINE_DATA_DIR || './data';
const databaseUrl = process.env.DATABASE_URL || undefined;
const file = process.argv[2];

if (file === undefined || process.argv.length > 3) {
  console.error('usage: npm run restore -- <backup file>   (the server must be stopped)');
  process.exit(64);
}

try {
  if (databaseUrl) {
    const others = await otherConnections(databaseUrl);
    if (others > 0) {
      throw new ServerRunningError(`${others} other connections use the database (a running server?)`);
    }
    await restorePostgres(databaseUrl, file);
    console.log(`Restored ${file} into the database. Start the server again.`);
  } else {
    const result = await restorePglite(dataDir, file);
    console.log(`Restored the backup of ${result.createdAt} into ${dataDir}.`);
    if (result.previous)
      console.log(`The data as it was is kept in ${result.previous}; delete it once all is well.`);
    console.log('Start the server again: it upgrades the restored data if it came from an older release.');
  }
} catch (error) {
  const known =
    error instanceof BackupFileError ||
    error instanceof ServerRunningError ||
    error instanceof PostgresToolMissing;
  console.error(`orderline: restore refused: ${(error as Error).message}`);
  if (!known) console.error(error);
  process.exit(1);
}
