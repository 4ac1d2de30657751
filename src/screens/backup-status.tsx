// The owner's backups on the Devices screen: when the last backup was taken and its size, a warning when none
// succeeded in 48 hours (or the last one failed), and `Download latest backup`. Reads GET /api/backups.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { backupOverdue, type BackupStatus } from '../../protocol/backup.ts';
import { apiRequest, describeFailure } from '../api-request.ts';

const sizeFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${sizeFormat.format(bytes / 1024 / 1024)} MB`
    : `${sizeFormat.format(bytes / 1024)} KB`;
}

export function BackupStatusPanel({ online, now = () => new Date() }: { online: boolean; now?: () => Date }) {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await apiRequest<BackupStatus>('GET', '/api/backups'));
      setError(null);
    } catch (reason) {
      setError(`The backup status could not be loaded: ${describeFailure(reason, 'It needs a connection.')}`);
    }
  }, []);
  useEffect(() => {
    if (online) void refresh();
  }, [online, refresh]);

  const latest = status?.backups[0];
  return (
    <section class="backup-status" aria-labelledby="backup-status-heading">
      <h3 id="backup-status-heading">Backups</h3>
      {error !== null && <p class="banner problem">{error}</p>}
      {status === null ? (
        error === null && (
          <p class="muted">{online ? 'Loading backups…' : 'Backups are shown when online.'}</p>
        )
      ) : !status.enabled ? (
        <p class="muted">This server keeps its data in memory: there is nothing to back up.</p>
      ) : (
        <>
          <p>
            {latest
              ? `Last backup: ${timeFormat.format(new Date(latest.createdAt))}, ${describeSize(latest.sizeBytes)}.`
              : 'No backup has been taken yet.'}
          </p>
          {backupOverdue(latest, now()) && (
            <p class="banner problem" role="alert">
              No backup has succeeded in the last 48 hours. Run <code>npm run backup</code> on the server, or
              check its disk.
            </p>
          )}
          {status.lastFailure && (
            <p class="warning">
              The last backup failed at {timeFormat.format(new Date(status.lastFailure.at))}:{' '}
              {status.lastFailure.message}
            </p>
          )}
          {latest && (
            <a href="/api/backups/latest" download={latest.name}>
              Download latest backup
            </a>
          )}
        </>
      )}
    </section>
  );
}
