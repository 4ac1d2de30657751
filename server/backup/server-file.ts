// `<data>/server.json`: written by a running server on a PGlite data directory, so `npm run backup` knows to
// ask that server for the backup (only the process holding the directory can copy it consistently) and
// `npm run restore` knows to refuse. Holds a per-run backup token: readable only by whoever can read the data.

import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SERVER_FILE = 'server.json';
/** The header a local `npm run backup` presents (the token from server.json). */
export const BACKUP_TOKEN_HEADER = 'x-orderline-backup-token';

export interface ServerFile {
  pid: number;
  /** A URL on this machine that reaches the server's plain HTTP listener. */
  url: string;
  token: string;
  startedAt: string;
}

export function newBackupToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function writeServerFile(dataDir: string, file: ServerFile): Promise<void> {
  // 0600: the token lets its reader take a backup, which is no more than reading the data directory.
  await writeFile(join(dataDir, SERVER_FILE), JSON.stringify(file), { mode: 0o600 });
}

/** Removes the file if it is still this process's (a newer server may have replaced it). */
export async function removeServerFile(dataDir: string, token: string): Promise<void> {
  const current = await readServerFile(dataDir);
  if (current?.token === token) await rm(join(dataDir, SERVER_FILE), { force: true });
}

export async function readServerFile(dataDir: string): Promise<ServerFile | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, SERVER_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<ServerFile>;
    if (typeof value.pid === 'number' && typeof value.url === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, url: value.url, token: value.token, startedAt: String(value.startedAt) };
    }
  } catch {
    // A torn or hand-edited file names no server; the pid check below would be meaningless.
  }
  return null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user, which still means "running".
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server that has `dataDir` open now, or null (no file, or its process is gone: a crash or kill -9). */
export async function runningServer(dataDir: string): Promise<ServerFile | null> {
  const file = await readServerFile(dataDir);
  return file !== null && processAlive(file.pid) ? file : null;
}
