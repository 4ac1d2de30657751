// The owner's backups on the Devices screen: when the last backup was taken and its size, a warning when none
// succeeded in 48 hours (or the last one failed), and `Download latest backup`. Reads GET /api/backups.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { backupOverdue, type BackupStatus } from '../../protocol/backup.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { intlLocale, t } from '../i18n.ts';

/** In the active language's numbers and dates (made per call: the language can change while open). */
const sizeFormat = () => new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 });
const timeFormat = () => new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' });

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? t('backup.mb', { size: sizeFormat().format(bytes / 1024 / 1024) })
    : t('backup.kb', { size: sizeFormat().format(bytes / 1024) });
}

export function BackupStatusPanel({ online, now = () => new Date() }: { online: boolean; now?: () => Date }) {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await apiRequest<BackupStatus>('GET', '/api/backups'));
      setError(null);
    } catch (reason) {
      setError(t('backup.loadFailed', { reason: describeFailure(reason, t('backup.needsConnection')) }));
    }
  }, []);
  useEffect(() => {
    if (online) void refresh();
  }, [online, refresh]);

  const latest = status?.backups[0];
  return (
    <section class="backup-status" aria-labelledby="backup-status-heading">
      <h3 id="backup-status-heading">{t('backup.heading')}</h3>
      {error !== null && <p class="banner problem">{error}</p>}
      {status === null ? (
        error === null && <p class="muted">{online ? t('backup.loading') : t('backup.shownOnline')}</p>
      ) : !status.enabled ? (
        <p class="muted">{t('backup.inMemory')}</p>
      ) : (
        <>
          <p>
            {latest
              ? t('backup.last', {
                  time: timeFormat().format(new Date(latest.createdAt)),
                  size: describeSize(latest.sizeBytes),
                })
              : t('backup.none')}
          </p>
          {backupOverdue(latest, now()) && (
            <p class="banner problem" role="alert">
              {t('backup.overdueBefore')} <code>{'npm run backup'}</code> {t('backup.overdueAfter')}
            </p>
          )}
          {status.lastFailure && (
            <p class="warning">
              {t('backup.failedAt', {
                time: timeFormat().format(new Date(status.lastFailure.at)),
                message: status.lastFailure.message,
              })}
            </p>
          )}
          {latest && (
            <a href="/api/backups/latest" download={latest.name}>
              {t('backup.download')}
            </a>
          )}
        </>
      )}
    </section>
  );
}
