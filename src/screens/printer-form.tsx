// Add or edit one printer (owner): name, address, width, kind, the kitchen's categories, the drawer kick.
// The server checks everything again (a public host is refused there); this form only keeps typing easy.
import { useState } from 'preact/hooks';
import type { MenuCategory } from '../../protocol/menu.ts';
import { PRINTER_COLUMNS, type PrinterBody, type PrinterConfig } from '../../protocol/printers.ts';

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
  const title = initial ? `Edit printer ${initial.name}` : 'Add printer';
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
        Name{' '}
        <input
          required
          maxLength={60}
          value={body.name}
          onInput={(e) => set({ name: e.currentTarget.value })}
        />
      </label>
      <label>
        Host{' '}
        <input
          required
          placeholder="192.168.1.50 or printer.local"
          value={body.host}
          onInput={(e) => set({ host: e.currentTarget.value.trim() })}
        />
      </label>
      <label>
        Port{' '}
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
        Columns{' '}
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
        Kind{' '}
        <select
          value={body.kind}
          onChange={(e) => set({ kind: e.currentTarget.value as PrinterBody['kind'] })}
        >
          <option value="receipt">Receipt</option>
          <option value="kitchen">Kitchen</option>
        </select>
      </label>
      {body.kind === 'kitchen' ? (
        <fieldset>
          <legend>Categories (none ticked = every category)</legend>
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
          Open the cash drawer on cash receipts
        </label>
      )}
      <div class="dialog-actions">
        <button type="submit" class="primary" disabled={saving}>
          Save printer
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
