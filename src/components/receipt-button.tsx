// `Receipt` on a counter row and in History: opens the receipt dialog, whose code loads on the first tap
// (the counter's first paint does not pay for it).
import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import { loadReceiptDialog } from './deferred-parts.ts';
import { t } from '../i18n.ts';

interface DialogProps {
  orderId: string;
  number: string;
  onClose: () => void;
}

let loaded: ComponentType<DialogProps> | null = null;

export function ReceiptButton({ orderId, number }: { orderId: string; number: string }) {
  const [open, setOpen] = useState(false);
  const [Dialog, setDialog] = useState<ComponentType<DialogProps> | null>(() => loaded);
  const [error, setError] = useState<string | null>(null);
  const show = () => {
    setOpen(true);
    if (Dialog) return;
    loadReceiptDialog().then(
      (module) => {
        loaded = module.ReceiptDialog;
        setDialog(() => module.ReceiptDialog);
      },
      (reason: unknown) => setError(t('order.receiptFailed', { error: String(reason) })),
    );
  };
  return (
    <>
      <button type="button" class="receipt-open" onClick={show}>
        {t('order.receipt')}
      </button>
      {error ? <span role="alert">{error}</span> : null}
      {open && Dialog ? <Dialog orderId={orderId} number={number} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
