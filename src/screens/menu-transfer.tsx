// Export and import of the whole menu (issue 21): downloads as JSON or CSV, and a JSON file imported as
// one new version, validated whole by the server; its error (naming the bad entry) is shown as it says it.
import { useState } from 'preact/hooks';
import { exportHref, importMenu } from './menu-pricing-edits.ts';
import type { MenuPartProps } from './menu-run.ts';
import { MenuError } from './menu-error.tsx';
import { t } from '../i18n.ts';

export function MenuTransfer({ run, errors }: Omit<MenuPartProps, 'menu'>) {
  const [done, setDone] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    setDone(null);
    setLocalError(undefined);
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (error) {
      setLocalError(
        t('menu.notJson', {
          file: file.name,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
      return;
    }
    if (await run('import', (menu) => importMenu(menu, parsed)))
      setDone(t('menu.imported', { file: file.name }));
  };
  return (
    <div class="menu-transfer" role="group" aria-label={t('menu.transfer')}>
      <a class="button-link" href={exportHref('json')} download="menu.json">
        {t('menu.exportJson')}
      </a>
      <a class="button-link" href={exportHref('csv')} download="menu.csv">
        {t('menu.exportCsv')}
      </a>
      <label class="button-link">
        {t('menu.import')}

        <input
          type="file"
          accept="application/json,.json"
          class="visually-hidden"
          onChange={(event) => void onFile(event.currentTarget)}
        />
      </label>
      {done ? (
        <p class="muted" role="status">
          {done}
        </p>
      ) : null}
      <MenuError message={localError ?? errors.import} />
    </div>
  );
}
