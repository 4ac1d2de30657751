// Add or edit one printer (owner): name, address, width, kind, the kitchen's categories, the drawer kick.
// The server checks everything again (a public host is refused there); this form only keeps typing easy.
import { useState } from 'preact/hooks';
import type { MenuCategory } from '../../protocol/menu.ts';
import { PRINTER_COLUMNS, type PrinterBody, type PrinterConfig } from '../../protocol/printers.ts';
import { t } from '../i18n.ts';

export const EMPTY_PRINTER: PrinterBody = {
  name: '',
  host: '',
  port: 9100,
  columns: 42,
  kind: 'receipt',
  categories: [],
  drawerKick: false,
};

export function PrinterForm({
  initial,
  categories,
  onSave,
  onCancel,
}: {
  initial: PrinterConfig | null;
  categories: readonly MenuCategory[];
  onSave: (body: PrinterBody) => Promise<void>;
  onCancel: () => void;
}) {
  const [body, setBody] = useState<PrinterBody>(initial ?? EMPTY_PRINTER);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<PrinterBody>) => setBody((current) => ({ ...current, ...patch }));
  const title = initial ? t('printers.editNamed', { name: initial.name }) : t('printers.add');
  return (
    <form
      class="panel printer-form"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        void onSave(body).finally(() => setSaving(false));
      }}
    >
      <h3>{title}</h3>
      <label>
        {t('printers.name')}{' '}
        <input
          required
          maxLength={60}
          value={body.name}
          onInput={(e) => set({ name: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('printers.host')}{' '}
        <input
          required
          placeholder={t('printers.hostPlaceholder')}
          value={body.host}
          onInput={(e) => set({ host: e.currentTarget.value.trim() })}
        />
      </label>
      <label>
        {t('printers.port')}{' '}
        <input
          type="number"
          min={1}
          max={65535}
          required
          value={body.port}
          onInput={(e) => set({ port: Number(e.currentTarget.value) })}
        />
      </label>
      <label>
        {t('printers.columns')}{' '}
        <select
          value={String(body.columns)}
          onChange={(e) => set({ columns: Number(e.currentTarget.value) as PrinterBody['columns'] })}
        >
          {PRINTER_COLUMNS.map((columns) => (
            <option key={columns} value={String(columns)}>
              {columns}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('printers.kind')}{' '}
        <select
          value={body.kind}
          onChange={(e) => set({ kind: e.currentTarget.value as PrinterBody['kind'] })}
        >
          <option value="receipt">{t('printers.receipt')}</option>
          <option value="kitchen">{t('printers.kitchen')}</option>
        </select>
      </label>
      {body.kind === 'kitchen' ? (
        <fieldset>
          <legend>{t('printers.categories')}</legend>
          {categories.map((category) => (
            <label key={category.id}>
              <input
                type="checkbox"
                checked={body.categories.includes(category.id)}
                onChange={(e) =>
                  set({
                    categories: e.currentTarget.checked
                      ? [...body.categories, category.id]
                      : body.categories.filter((id) => id !== category.id),
                  })
                }
              />{' '}
              {category.name}
            </label>
          ))}
        </fieldset>
      ) : (
        <label>
          <input
            type="checkbox"
            checked={body.drawerKick}
            onChange={(e) => set({ drawerKick: e.currentTarget.checked })}
          />{' '}
          {t('printers.drawerKick')}
        </label>
      )}
      <div class="dialog-actions">
        <button type="submit" class="primary" disabled={saving}>
          {t('printers.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('printers.cancel')}
        </button>
      </div>
    </form>
  );
}
