// "A new version is available" with Reload, shown when workbox-window reports a waiting worker.
import { t } from '../i18n.ts';

export function UpdatePrompt({ onReload }: { onReload: () => void }) {
  return (
    <div class="banner update" role="alert">
      <span>{t('update.text')}</span>
      <button type="button" class="primary" onClick={onReload}>
        {t('update.reload')}
      </button>
    </div>
  );
}
