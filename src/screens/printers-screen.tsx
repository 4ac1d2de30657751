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

const NEEDS_CONNECTION = 'Managing printers needs a connection to the server.';
const STATE_WORDS: Record<Printer['state'], string> = {
  ok: 'Ready',
  offline: 'Offline',
  paper_out: 'Out of paper',
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
  if (printer.queued === 0) return 'Nothing queued';
  const since = printer.oldestQueuedAt
    ? `, oldest ${Math.max(0, Math.round((Date.now() - Date.parse(printer.oldestQueuedAt)) / 1000))} s`
    : '';
  return `${printer.queued} queued${since}`;
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
      setMessage(`The printers could not be loaded: ${describeFailure(reason, NEEDS_CONNECTION)}`);
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

  const act = async (what: string, work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setMessage(done);
    } catch (reason) {
      setMessage(`${what} failed: ${describeFailure(reason, NEEDS_CONNECTION)}`);
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
      setMessage(`Saved ${body.name}.`);
    } catch (reason) {
      setMessage(`Saving failed: ${describeFailure(reason, NEEDS_CONNECTION)}`);
    }
    await refresh();
  };

  return (
    <main class="screen printers">
      <h2>Printers</h2>
      <p class="muted">
        Network receipt and kitchen printers (ESC/POS, usually port 9100). Kitchen printers print each new
        order's lines of their categories; receipt printers print on request.
      </p>
      {message ? <p role="status">{message}</p> : null}
      {printers === null ? null : printers.length === 0 ? <p class="empty">No printers yet.</p> : null}
      <ul class="printer-list" aria-label="Printers">
        {(printers ?? []).map((printer) => (
          <li key={printer.id} class={`printer printer-${printer.state}`}>
            <div class="printer-head">
              <strong id={`printer-${printer.id}`}>{printer.name}</strong>{' '}
              <span class={`printer-state state-${printer.state}`}>{STATE_WORDS[printer.state]}</span>
            </div>
            <div class="muted">
              {printer.kind === 'kitchen' ? 'Kitchen' : 'Receipt'} · {printer.host}:{printer.port} ·{' '}
              {printer.columns} columns{printer.drawerKick ? ' · opens the drawer' : ''}
            </div>
            {printer.reason ? <div class="printer-reason">{printer.reason}</div> : null}
            <div>{queueText(printer)}</div>
            <div class="printer-actions">
              <button
                type="button"
                aria-describedby={`printer-${printer.id}`}
                onClick={() =>
                  void act(
                    'The test page',
                    () => apiRequest('POST', `/api/printers/${printer.id}/test`, {}),
                    `Test page sent to ${printer.name}.`,
                  )
                }
              >
                Print test page
              </button>
              <button
                type="button"
                aria-describedby={`printer-${printer.id}`}
                onClick={() => setEditing(printer)}
              >
                Edit
              </button>
              {removing === printer.id ? (
                <>
                  <span>Remove {printer.name}? Its queued jobs are cancelled.</span>
                  <button
                    type="button"
                    class="danger"
                    onClick={() => {
                      setRemoving(null);
                      void act(
                        'Removing',
                        () => apiRequest('DELETE', `/api/printers/${printer.id}`),
                        `Removed ${printer.name}.`,
                      );
                    }}
                  >
                    Yes, remove {printer.name}
                  </button>
                  <button type="button" onClick={() => setRemoving(null)}>
                    Keep
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  class="danger"
                  aria-describedby={`printer-${printer.id}`}
                  onClick={() => setRemoving(printer.id)}
                >
                  Remove
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {editing === null ? (
        <button type="button" class="primary" onClick={() => setEditing('new')}>
          Add printer
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
