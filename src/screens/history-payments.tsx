// An order's money in History (DESIGN Part 3, principle 21): its state (`Paid`, `Part paid`, `Refund due`), every
// payment with tendered, change, tip and refunds, and for the owner `Refunds`, which opens the Refunds dialog.
import { useEffect, useState } from 'preact/hooks';
import type { Order } from '../../protocol/order.ts';
import { paymentState } from '../../protocol/payments.ts';
import type { RefundDialogProps } from '../components/refund-dialog.tsx';
import type { ComponentType } from 'preact';
import { formatMoney } from '../display-format.ts';
import { refund } from '../payments-bridge.ts';
import { BridgeError, type SwBridge } from '../sw-bridge.ts';
import { apiRequest } from '../api-request.ts';
import { methodWord } from '../payment-words.ts';
import { t } from '../i18n.ts';

/** Message ids of an order's payment state (the row's words, without the row's check mark for `Paid`). */
const STATE_WORD = {
  paid: 'history.paid',
  'part-paid': 'order.partPaid',
  'refund-due': 'order.refundDue',
  unpaid: 'order.unpaid',
} as const;

/**
 * Refunds through the SW (queued, pushed to every device); an order this device no longer keeps (History reaches
 * further back than the SW's finished orders) goes straight to the server: History is online-only anyway.
 */
function refundFinished(
  bridge: SwBridge,
  deviceId: string | null,
  orderId: string,
  r: { paymentId: string; amountCents: number; reason: string },
): Promise<Ledger> {
  return refund(bridge, orderId, r.paymentId, r.amountCents, r.reason).catch((error: unknown) => {
    if (!(error instanceof BridgeError) || error.code !== 'not_found' || deviceId === null) throw error;
    const body = { id: crypto.randomUUID(), ...r, deviceId, createdAt: new Date().toISOString() };
    return apiRequest<Order>('POST', `/api/orders/${encodeURIComponent(orderId)}/refunds`, body, {
      'idempotency-key': body.id,
    });
  });
}

type Ledger = Pick<Order, 'payments' | 'paidCents' | 'dueCents' | 'paid'>;

export interface HistoryPaymentsProps {
  order: Order;
  currency: string | null;
  bridge: SwBridge;
  canRefund: boolean;
  /** This device's id: the owner's refunds name it as the drawer the money comes from. */
  deviceId: string | null;
  /** A refund's reply: the order with its new ledger. */
  onChanged: (order: Ledger) => void;
}

export function HistoryPayments({
  order,
  currency,
  bridge,
  canRefund,
  deviceId,
  onChanged,
}: HistoryPaymentsProps) {
  const [refunding, setRefunding] = useState(false);
  // The Refunds dialog's code loads on the first tap, as the receipt's does.
  const [Dialog, setDialog] = useState<ComponentType<RefundDialogProps> | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (refunding && Dialog === null)
      import('../components/refund-dialog.tsx').then(
        (m) => setDialog(() => m.default),
        (e: unknown) => setFailed(t('history.refundsFailed', { error: String(e) })),
      );
  }, [refunding, Dialog]);
  const money = (cents: number) => formatMoney(cents, currency);
  const payments = order.payments ?? [];
  const state = paymentState(order);
  return (
    <>
      <h4>{t('report.payments')}</h4>
      <p class={`payment-state payment-${state}`}>
        {t(STATE_WORD[state])}
        {order.dueCents !== undefined && order.dueCents < 0
          ? t('history.giveBack', { amount: money(-order.dueCents) })
          : ''}
        {order.dueCents !== undefined && order.dueCents > 0 && state === 'part-paid'
          ? t('history.stillDue', { amount: money(order.dueCents) })
          : ''}
      </p>
      {payments.length === 0 ? null : (
        <ul aria-label={t('refund.payments', { number: order.number })}>
          {payments.map((p) => (
            <li key={p.id}>
              {methodWord(p.method)} {money(p.amountCents)}
              {p.tenderedCents !== null
                ? t('history.tendered', { tendered: money(p.tenderedCents), change: money(p.changeCents) })
                : ''}
              {p.tipCents > 0 ? t('refund.tip', { amount: money(p.tipCents) }) : ''}
              {p.refunds.map((r) => (
                <span key={r.id} class="muted">
                  {t('history.refunded', { amount: money(r.amountCents), reason: r.reason })}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      {canRefund && payments.length > 0 ? (
        <button type="button" onClick={() => setRefunding(true)}>
          {t('order.refunds')}
        </button>
      ) : null}
      {failed ? <p role="alert">{failed}</p> : null}
      {refunding && Dialog ? (
        <Dialog
          order={order}
          currency={currency}
          onRefund={(paymentId, amountCents, reason) =>
            refundFinished(bridge, deviceId, order.id, { paymentId, amountCents, reason }).then((updated) =>
              onChanged(updated),
            )
          }
          onClose={() => setRefunding(false)}
        />
      ) : null}
    </>
  );
}
