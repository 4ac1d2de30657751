// PostgreSQL (DATABASE_URL) backups and restores with pg_dump / pg_restore: the database's own tools, which
// take a consistent snapshot of a live database. Without them, the exact command to run is the answer.

import { execFile } from 'node:child_process';
import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BackupInfo, BackupReason } from '../../protocol/backup.ts';
import { BackupFileError } from './backup-archive.ts';
import { BACKUPS_FOLDER, backupFileName } from './backup-files.ts';

const run = promisify(execFile);

/** pg_dump or pg_restore is not installed: `command` is what the operator should run instead. */
export class PostgresToolMissing extends Error {
  constructor(
    readonly tool: string,
    readonly command: string,
  ) {
    super(`${tool} is not installed on this machine; run this where it is:\n  ${command}`);
    this.name = 'PostgresToolMissing';
  }
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(tool: string, args: readonly string[]): string {
  return [tool, ...args].map(shellQuote).join(' ');
}

export function pgDumpArgs(databaseUrl: string, file: string): string[] {
  // custom format: compressed, and pg_restore can check it end to end before restoring.
  return ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${databaseUrl}`];
}

export function pgRestoreArgs(databaseUrl: string, file: string): string[] {
  // One transaction: a restore that fails half-way leaves the database as it was.
  return ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${databaseUrl}`, file];
}

export async function toolInstalled(tool: string): Promise<boolean> {
  try {
    await run(tool, ['--version']);
    return true;
  } catch {
    return false;
  }
}

export interface PostgresBackupOptions {
  databaseUrl: string;
  dataDir: string;
  reason: BackupReason;
  now?: () => Date;
}

export async function backupPostgres(options: PostgresBackupOptions): Promise<BackupInfo> {
  const at = (options.now ?? (() => new Date()))();
  const dir = join(options.dataDir, BACKUPS_FOLDER);
  const name = backupFileName(at, options.reason, 'dump');
  const partial = join(dir, `.${name}.partial`);
  if (!(await toolInstalled('pg_dump'))) {
    throw new PostgresToolMissing(
      'pg_dump',
      commandLine('pg_dump', pgDumpArgs(options.databaseUrl, join(dir, name))),
    );
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    await run('pg_dump', pgDumpArgs(options.databaseUrl, partial), { maxBuffer: 16 * 1024 * 1024 });
    await chmod(partial, 0o600);
    await rename(partial, join(dir, name));
  } finally {
    await rm(partial, { force: true });
  }
  const size = (await stat(join(dir, name))).size;
  return { name, createdAt: at.toISOString(), reason: options.reason, sizeBytes: size };
}

/** Reads the whole dump (every table's data, not only its table of contents): a truncated file fails here. */
export async function verifyPostgresDump(file: string): Promise<void> {
  if (!(await toolInstalled('pg_restore'))) {
    throw new PostgresToolMissing('pg_restore', commandLine('pg_restore', ['--file=/dev/null', file]));
  }
  try {
    await run('pg_restore', ['--file=/dev/null', file], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new BackupFileError(file, `pg_restore cannot read it (${stderr.split('\n')[0]})`);
  }
}

export async function restorePostgres(databaseUrl: string, file: string): Promise<void> {
  await verifyPostgresDump(file);
  try {
    await run('pg_restore', pgRestoreArgs(databaseUrl, file), { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new Error(`pg_restore failed; the database is as it was (one transaction): ${stderr}`);
  }
}
