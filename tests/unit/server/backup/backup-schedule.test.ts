// When the daily backup runs, which backups are kept, and when the owner is warned.

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupOverdue } from '../../../../protocol/backup.ts';
import { backupFileName, listBackups, pruneBackups } from '../../../../server/backup/backup-files.ts';
import { nextBackupAt, parseBackupHour } from '../../../../server/backup/backup-schedule.ts';

describe('daily backup schedule', () => {
  it('runs at the next local backup hour, today if it is still ahead, else tomorrow', () => {
    const at = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(y, mo, d, h, mi);
    expect(nextBackupAt(at(2026, 11, 6, 3, 59), 4)).toEqual(at(2026, 11, 6, 4));
    expect(nextBackupAt(at(2026, 11, 6, 4, 0), 4)).toEqual(at(2026, 11, 7, 4));
    expect(nextBackupAt(at(2026, 11, 6, 23, 30), 4)).toEqual(at(2026, 11, 7, 4));
    expect(nextBackupAt(at(2026, 11, 31, 5), 0)).toEqual(at(2027, 0, 1, 0));
  });

  it('reads ORDERLINE_BACKUP_HOUR: default 4, a whole hour 0..23, anything else stops the start', () => {
    expect(parseBackupHour(undefined)).toBe(4);
    expect(parseBackupHour('')).toBe(4);
    expect(parseBackupHour('0')).toBe(0);
    expect(parseBackupHour('23')).toBe(23);
    for (const bad of ['24', '-1', '4.5', 'four'])
      expect(() => parseBackupHour(bad)).toThrow(/ORDERLINE_BACKUP_HOUR/);
  });
});

describe('backups folder', () => {
  it('keeps the newest 14 and ignores files that are not finished backups', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orderline-prune-'));
    try {
      for (let day = 1; day <= 20; day++) {
        await writeFile(
          join(dir, backupFileName(new Date(Date.UTC(2026, 10, day, 4)), 'daily', 'tar.gz')),
          'x',
        );
      }
      await writeFile(join(dir, '.orderline-20261130T040000000Z-daily.tar.gz.partial'), 'x');
      await writeFile(join(dir, 'notes.txt'), 'x');
      const deleted = await pruneBackups(dir);
      expect(deleted).toHaveLength(6);
      const kept = await listBackups(dir);
      expect(kept).toHaveLength(14);
      expect(kept[0]?.createdAt).toBe('2026-11-20T04:00:00.000Z');
      expect(kept[13]?.createdAt).toBe('2026-11-07T04:00:00.000Z');
      expect(await readdir(dir)).toContain('notes.txt');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('warns when no backup succeeded in the last 48 hours', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    const taken = (iso: string) => ({ name: 'x', createdAt: iso, reason: 'daily' as const, sizeBytes: 1 });
    expect(backupOverdue(undefined, now)).toBe(true);
    expect(backupOverdue(taken('2026-12-04T12:00:00Z'), now)).toBe(false);
    expect(backupOverdue(taken('2026-12-04T11:59:59Z'), now)).toBe(true);
  });
});
