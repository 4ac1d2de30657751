// The receipt dialog (DESIGN.md Part 3 screens): the receipt as the printer will print it (GET
// /api/orders/:id/receipt) and `Print receipt` (POST …/print, one id per dialog so a double tap prints once).
import './receipt-dialog.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiRequest, describeFailure } from '../api-request.ts';

const NEEDS_CONNECTION = 'Receipts need a connection to the server.';

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
          throw new Error(
            response.status === 404 ? 'the server does not have this order yet' : `HTTP ${response.status}`,
          );
        return response.text();
      })
      .then(
        (body) => live && setText(body),
        (reason: unknown) =>
          live && setStatus(`The receipt could not be loaded: ${describeFailure(reason, NEEDS_CONNECTION)}`),
      );
    return () => {
      live = false;
    };
  }, [orderId]);

  const print = async () => {
    setPrinting(true);
    try {
      await apiRequest('POST', `/api/orders/${orderId}/print`, { id: requestId, kind: 'receipt' });
      setStatus('Sent to the printer.');
    } catch (reason) {
      setStatus(`Not printed: ${describeFailure(reason, NEEDS_CONNECTION)}`);
    } finally {
      setPrinting(false);
    }
  };

  return (
    <dialog ref={dialog} class="receipt-dialog" aria-label={`Receipt ${number}`} onClose={onClose}>
      <h3>Receipt {number}</h3>
      {text === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <pre class="receipt-preview" aria-label="Receipt preview">
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
          Print receipt
        </button>
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
