// The backups folder: how a backup file is named, which ones exist, and which go when more than 14 are kept.
// Only finished files carry a backup's name (they are written under a temporary name, then renamed).

import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupInfo, BackupReason } from '../../protocol/backup.ts';

export const BACKUPS_FOLDER = 'backups';
/** Daily backups keep two weeks (DESIGN principle 26). */
export const BACKUPS_KEPT = 14;

const NAME = /^orderline-(\d{8}T\d{6}(?:\d{3})?Z)-(daily|manual|migration)\.(tar\.gz|dump)$/;

export function backupsDir(dataDir: string): string {
  return join(dataDir, BACKUPS_FOLDER);
}

/** `orderline-20261206T040000123Z-daily.tar.gz`: sorts by time, says why it was taken. */
export function backupFileName(at: Date, reason: BackupReason, extension: 'tar.gz' | 'dump'): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `orderline-${stamp}-${reason}.${extension}`;
}

function parseStamp(stamp: string): string {
  // 20261206T040000123Z → 2026-12-06T04:00:00.123Z
  const ms = stamp.length === 19 ? stamp.slice(15, 18) : '000';
  return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.${ms}Z`;
}

/** Every finished backup in `dir`, newest first; an absent folder has none. */
export async function listBackups(dir: string): Promise<BackupInfo[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: BackupInfo[] = [];
  for (const name of names) {
    const match = NAME.exec(name);
    if (!match) continue;
    const info = await stat(join(dir, name));
    found.push({
      name,
      createdAt: parseStamp(match[1] as string),
      reason: match[2] as BackupReason,
      sizeBytes: info.size,
    });
  }
  return found.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** Deletes all but the newest `keep` backups; returns the names deleted. */
export async function pruneBackups(dir: string, keep: number = BACKUPS_KEPT): Promise<string[]> {
  const old = (await listBackups(dir)).slice(keep).map((backup) => backup.name);
  for (const name of old) await rm(join(dir, name), { force: true });
  return old;
}
