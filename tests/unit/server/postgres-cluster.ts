// Starts a throwaway PostgreSQL cluster (initdb + pg_ctl from PATH) for the PostgreSQL store tests,
// or reports why it cannot, so the tests can say so instead of silently passing.

import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian keeps initdb and pg_ctl in /usr/lib/postgresql/<version>/bin, off PATH: use the newest there, else PATH. */
function postgresTool(name: 'initdb' | 'pg_ctl'): string {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return name;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const candidate = join(root, version, 'bin', name);
    if (existsSync(candidate)) return candidate;
  }
  return name;
}

export interface PostgresCluster {
  url: string;
  stop(): Promise<void>;
}

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user. */
async function asPostgres(command: string, args: string[]): Promise<void> {
  if (userInfo().uid === 0) await run('runuser', ['-u', 'postgres', '--', command, ...args]);
  else await run(command, args);
}

export async function postgresAvailable(): Promise<string | null> {
  try {
    await run(postgresTool('initdb'), ['--version']);
    await run(postgresTool('pg_ctl'), ['--version']);
    if (userInfo().uid === 0) await run('id', ['postgres']);
    return null;
  } catch (error) {
    return `PostgreSQL tools not usable here (${(error as Error).message.split('\n')[0]})`;
  }
}

export async function startPostgres(): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'orderline-pg-'));
  if (userInfo().uid === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    chownSync(dir, Number(stdout.trim()), -1);
  }
  const data = join(dir, 'data');
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  await asPostgres(postgresTool('initdb'), ['-D', data, '-A', 'trust', '-U', 'orderline', '--no-sync']);
  await asPostgres(postgresTool('pg_ctl'), [
    '-D',
    data,
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off`,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  return {
    url: `postgresql://orderline@/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
    async stop() {
      await asPostgres(postgresTool('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
