// Backups as the owner's Devices screen and `GET /api/backups` see them (DESIGN Part 3, principle 26).
// Pure data and one pure rule (when a backup is overdue); no I/O.

export const BACKUP_REASONS = ['daily', 'manual', 'migration'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupInfo {
  /** The file name under `<data>/backups/`. */
  name: string;
  /** ISO time the backup was taken (UTC). */
  createdAt: string;
  reason: BackupReason;
  sizeBytes: number;
}

/** `GET /api/backups`: the newest backups first, and the last failure since the server started. */
export interface BackupStatus {
  backups: BackupInfo[];
  lastFailure: { at: string; message: string } | null;
  /** False when this server cannot take backups (an in-memory database). */
  enabled: boolean;
}

/** A shop without a successful backup for this long is warned (a daily backup has failed twice). */
export const BACKUP_OVERDUE_MS = 48 * 60 * 60 * 1000;

export function backupOverdue(latest: BackupInfo | undefined, now: Date): boolean {
  return latest === undefined || now.getTime() - Date.parse(latest.createdAt) > BACKUP_OVERDUE_MS;
}
