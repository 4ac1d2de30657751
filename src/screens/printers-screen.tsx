// The Printers screen (`/printers`, owner): every printer with its state, reason and queue, live through
// `event: printers`; add, edit, remove (asks first) and `Print test page`. Needs a connection; says so.
import './printers-screen.css';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { MenuCategory, MenuResponse } from '../../protocol/menu.ts';
import type { Printer, PrinterBody, PrintersResponse } from '../../protocol/printers.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { subscribePrinters } from '../printer-status-channel.ts';
import { PrinterForm } from './printer-form.tsx';
import type { ScreenProps } from './screen-props.ts';
import { t } from '../i18n.ts';

const failure = (reason: unknown) => describeFailure(reason, t('printers.needsConnection'));
/** Message ids of each state's word. */
const STATE_WORDS: Record<Printer['state'], string> = {
  ok: 'printers.stateOk',
  offline: 'printers.stateOffline',
  paper_out: 'printers.statePaperOut',
};

/** A printer id from its name: `Grill printer` → `grill-printer` (unique against `taken`). */
function idFor(name: string, taken: readonly string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'printer';
  let id = base;
  for (let n = 2; taken.includes(id); n += 1) id = `${base}-${n}`;
  return id;
}

function queueText(printer: Printer): string {
  if (printer.queued === 0) return t('printers.nothingQueued');
  if (!printer.oldestQueuedAt) return t('printers.queued', { count: printer.queued });
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(printer.oldestQueuedAt)) / 1000));
  return t('printers.queuedOldest', { count: printer.queued, seconds });
}

export default function PrintersScreen(_props: ScreenProps) {
  const [printers, setPrinters] = useState<Printer[] | null>(null);
  const [categories, setCategories] = useState<MenuCategory[]>([]);
  const [editing, setEditing] = useState<Printer | 'new' | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const body = await apiRequest<PrintersResponse>('GET', '/api/printers');
      setPrinters(body.printers);
    } catch (reason) {
      setMessage(t('printers.loadFailed', { reason: failure(reason) }));
    }
  }, []);

  useEffect(() => {
    void refresh();
    apiRequest<MenuResponse>('GET', '/api/menu').then(
      (menu) => setCategories(menu.categories),
      () => setCategories([]),
    );
    // Each pushed state change re-reads the list (it carries settings the event does not).
    return subscribePrinters(() => void refresh());
  }, [refresh]);

  /** `failedId`: the message id of the failure, which gets the reason as `{reason}`. */
  const act = async (failedId: string, work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setMessage(done);
    } catch (reason) {
      setMessage(t(failedId, { reason: failure(reason) }));
    }
    await refresh();
  };

  const save = async (body: PrinterBody) => {
    const id =
      editing && editing !== 'new'
        ? editing.id
        : idFor(
            body.name,
            (printers ?? []).map((p) => p.id),
          );
    try {
      await apiRequest('PUT', `/api/printers/${id}`, body);
      setEditing(null);
      setMessage(t('printers.saved', { name: body.name }));
    } catch (reason) {
      setMessage(t('printers.saveFailed', { reason: failure(reason) }));
    }
    await refresh();
  };

  return (
    <main class="screen printers">
      <h2>{t('screen.printers')}</h2>
      <p class="muted">{t('printers.intro')}</p>
      {message ? <p role="status">{message}</p> : null}
      {printers === null ? null : printers.length === 0 ? <p class="empty">{t('printers.none')}</p> : null}
      <ul class="printer-list" aria-label={t('screen.printers')}>
        {(printers ?? []).map((printer) => (
          <li key={printer.id} class={`printer printer-${printer.state}`}>
            <div class="printer-head">
              <strong id={`printer-${printer.id}`}>{printer.name}</strong>{' '}
              <span class={`printer-state state-${printer.state}`}>{t(STATE_WORDS[printer.state])}</span>
            </div>
            <div class="muted">
              {printer.kind === 'kitchen' ? t('printers.kitchen') : t('printers.receipt')} · {printer.host}:
              {printer.port} · {t('printers.columnsN', { n: printer.columns })}
              {printer.drawerKick ? ` · ${t('printers.opensDrawer')}` : ''}
            </div>
            {printer.reason ? <div class="printer-reason">{printer.reason}</div> : null}
            <div>{queueText(printer)}</div>
            <div class="printer-actions">
              <button
                type="button"
                aria-describedby={`printer-${printer.id}`}
                onClick={() =>
                  void act(
                    'printers.testFailed',
                    () => apiRequest('POST', `/api/printers/${printer.id}/test`, {}),
                    t('printers.testSent', { name: printer.name }),
                  )
                }
              >
                {t('printers.test')}
              </button>
              <button
                type="button"
                aria-describedby={`printer-${printer.id}`}
                onClick={() => setEditing(printer)}
              >
                {t('printers.edit')}
              </button>
              {removing === printer.id ? (
                <>
                  <span>{t('printers.removeAsk', { name: printer.name })}</span>
                  <button
                    type="button"
                    class="danger"
                    onClick={() => {
                      setRemoving(null);
                      void act(
                        'printers.removeFailed',
                        () => apiRequest('DELETE', `/api/printers/${printer.id}`),
                        t('printers.removed', { name: printer.name }),
                      );
                    }}
                  >
                    {t('printers.removeYes', { name: printer.name })}
                  </button>
                  <button type="button" onClick={() => setRemoving(null)}>
                    {t('printers.keep')}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  class="danger"
                  aria-describedby={`printer-${printer.id}`}
                  onClick={() => setRemoving(printer.id)}
                >
                  {t('printers.remove')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {editing === null ? (
        <button type="button" class="primary" onClick={() => setEditing('new')}>
          {t('printers.add')}
        </button>
      ) : (
        <PrinterForm
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? null : editing}
          categories={categories}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      )}
    </main>
  );
}
