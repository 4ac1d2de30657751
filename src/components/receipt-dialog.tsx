// The receipt dialog (DESIGN.md Part 3 screens): the receipt as the printer will print it (GET
// /api/orders/:id/receipt) and `Print receipt` (POST …/print, one id per dialog so a double tap prints once).
import './receipt-dialog.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiRequest, describeFailure } from '../api-request.ts';
import { t } from '../i18n.ts';

export function ReceiptDialog({
  orderId,
  number,
  onClose,
}: {
  orderId: string;
  number: string;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  // One request id per dialog: tapping again, or a retry, is the same print for the server.
  const [requestId] = useState(() => crypto.randomUUID());

  useEffect(() => {
    dialog.current?.showModal();
    let live = true;
    fetch(`/api/orders/${orderId}/receipt?columns=42`, { credentials: 'same-origin', cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok)
          throw new Error(response.status === 404 ? t('receipt.notYet') : `HTTP ${response.status}`);
        return response.text();
      })
      .then(
        (body) => live && setText(body),
        (reason: unknown) =>
          live &&
          setStatus(
            t('receipt.loadFailed', { error: describeFailure(reason, t('receipt.needsConnection')) }),
          ),
      );
    return () => {
      live = false;
    };
  }, [orderId]);

  const print = async () => {
    setPrinting(true);
    try {
      await apiRequest('POST', `/api/orders/${orderId}/print`, { id: requestId, kind: 'receipt' });
      setStatus(t('receipt.sent'));
    } catch (reason) {
      setStatus(t('receipt.notPrinted', { error: describeFailure(reason, t('receipt.needsConnection')) }));
    } finally {
      setPrinting(false);
    }
  };

  return (
    <dialog ref={dialog} class="receipt-dialog" aria-label={t('receipt.title', { number })} onClose={onClose}>
      <h3>{t('receipt.title', { number })}</h3>
      {text === null ? (
        <p class="muted">{t('receipt.loading')}</p>
      ) : (
        <pre class="receipt-preview" aria-label={t('receipt.preview')}>
          {text}
        </pre>
      )}
      {status ? <p role="status">{status}</p> : null}
      <div class="dialog-actions">
        <button
          type="button"
          class="primary"
          disabled={printing || text === null}
          onClick={() => void print()}
        >
          {t('receipt.print')}
        </button>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('pay.close')}
        </button>
      </div>
    </dialog>
  );
}
