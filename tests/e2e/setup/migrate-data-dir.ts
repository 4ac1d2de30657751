// Child process of the e2e global setup (./data-dir-template.ts): opens a new PGlite data directory with the
// server's own openStore, which runs every migration, and closes it. Usage: node --import tsx <this> <dir>
import { openStore } from '../../../server/store/open-store.ts';

const dataDir = process.argv[2];
if (dataDir === undefined || dataDir === '') throw new Error('usage: migrate-data-dir.ts <data dir>');
const store = await openStore({ dataDir });
await store.close();
