// The Pay dialog (DESIGN "Screens, part 3"): a modal `dialog` named `Pay <number>` with the amount due, `Cash`
// (`Tendered`, quick amounts, a large `Change` that stays until dismissed), `Card` (`Tip`), `Other`, and
// `Confirm payment`. An `Amount` below the due is a part payment: the rest stays due. Loaded after the first
// paint (pay-dialog-host.tsx). Enter confirms, Esc closes; showModal keeps the focus inside.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PaymentDraft } from '../../protocol/messages.ts';
import type { ClientOrder, PaymentMethod } from '../../protocol/order.ts';
import { changeCents } from '../../protocol/payments.ts';
import { formatMoney } from '../display-format.ts';
import { moneyInputText, parseMoney, quickAmounts } from '../money-input.ts';
import './pay-dialog.css';
import { wrapTab } from './focus-wrap.ts';
import { t } from '../i18n.ts';
import { methodWord } from '../payment-words.ts';

export interface PayDialogProps {
  order: ClientOrder;
  currency: string | null;
  /** Sends the payment; the row updates from its reply. Settles once the worker answered (or refused). */
  onConfirm: (order: ClientOrder, payment: PaymentDraft) => Promise<unknown>;
  onClose: () => void;
}

const METHODS: readonly PaymentMethod[] = ['cash', 'card', 'other'];

/** What is left to pay: the ledger's due, or the whole total on an order from before Part 3. */
export function dueOf(order: Pick<ClientOrder, 'dueCents' | 'totalCents' | 'paid'>): number {
  return order.dueCents ?? (order.paid ? 0 : order.totalCents);
}

type Check = { ok: true; payment: PaymentDraft } | { ok: false; reason: string };

/** The dialog's fields → a payment, or why not yet (shown under the fields). */
export function checkPayment(
  method: PaymentMethod,
  fields: { amount: string; tendered: string; tip: string },
  dueCents: number,
  currency: string | null,
): Check {
  const amountCents = parseMoney(fields.amount, currency);
  if (amountCents === null || amountCents <= 0) return { ok: false, reason: t('pay.enterAmount') };
  if (amountCents > dueCents)
    return { ok: false, reason: t('pay.tooMuch', { due: formatMoney(dueCents, currency) }) };
  if (method === 'cash') {
    const tenderedCents = fields.tendered.trim() === '' ? amountCents : parseMoney(fields.tendered, currency);
    if (tenderedCents === null) return { ok: false, reason: t('pay.enterTendered') };
    if (tenderedCents < amountCents)
      return { ok: false, reason: t('pay.tenderedShort', { amount: formatMoney(amountCents, currency) }) };
    return { ok: true, payment: { method, amountCents, tenderedCents } };
  }
  const tipCents = fields.tip.trim() === '' ? 0 : parseMoney(fields.tip, currency);
  if (tipCents === null) return { ok: false, reason: t('pay.enterTip') };
  return { ok: true, payment: tipCents > 0 ? { method, amountCents, tipCents } : { method, amountCents } };
}

export default function PayDialog({ order, currency, onConfirm, onClose }: PayDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const dueCents = dueOf(order);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amount, setAmount] = useState(() => moneyInputText(dueCents, currency));
  const [tendered, setTendered] = useState('');
  const [tip, setTip] = useState('');
  const [tried, setTried] = useState(false);
  /** Once a cash payment is confirmed: its change, on screen until `Done`. */
  const [change, setChange] = useState<{ changeCents: number; amountCents: number } | null>(null);
  const tenderedRef = useRef<HTMLInputElement>(null);
  const titleId = `pay-title-${order.id}`;
  const check = checkPayment(method, { amount, tendered, tip }, dueCents, currency);
  const amountCents = parseMoney(amount, currency);
  const tenderedCents = parseMoney(tendered, currency);
  const liveChange =
    method === 'cash' && amountCents !== null && tenderedCents !== null && tenderedCents >= amountCents
      ? changeCents('cash', amountCents, tenderedCents)
      : null;

  useEffect(() => {
    const dialog = ref.current;
    // showModal moves focus into the dialog, makes the rest inert and turns Esc into `cancel`.
    if (dialog && !dialog.open) dialog.showModal();
    tenderedRef.current?.focus();
    return () => dialog?.close();
  }, []);

  // The change step's `Done` takes the focus (autofocus acts only when a dialog opens): Enter or Esc dismisses.
  useEffect(() => {
    if (change) ref.current?.querySelector<HTMLElement>('[autofocus]')?.focus();
  }, [change !== null]);
  const finish = () => {
    ref.current?.close();
    onClose();
  };
  const confirm = () => {
    setTried(true);
    if (!check.ok) return;
    const payment = check.payment;
    const sent = onConfirm(order, payment);
    if (payment.method === 'cash')
      setChange({
        changeCents: changeCents('cash', payment.amountCents, payment.tenderedCents ?? null),
        amountCents: payment.amountCents,
      });
    // Closing a modal re-lays out the whole page: done after the reply has put `Paid` on the row, so the row's
    // change is not queued behind it (the same-tab budget is one frame); a worker that is slow to answer
    // still lets the dialog go after a moment.
    else void Promise.race([sent, new Promise((resolve) => setTimeout(resolve, 250))]).finally(finish);
  };

  return (
    <dialog
      ref={ref}
      class="pay-dialog"
      aria-labelledby={titleId}
      onKeyDown={wrapTab}
      onCancel={(event) => {
        event.preventDefault();
        finish();
      }}
    >
      <h2 id={titleId}>{t('pay.title', { number: order.number })}</h2>
      {change ? (
        <div class="pay-done">
          <p>
            {t('pay.paidCash', { amount: formatMoney(change.amountCents, currency) })}
            {dueOf(order) > 0 ? ` ${t('pay.stillDue', { due: formatMoney(dueOf(order), currency) })}` : ''}
          </p>
          <p class="pay-change" role="status">
            {t('pay.change')} <strong>{formatMoney(change.changeCents, currency)}</strong>
          </p>
          <div class="pay-actions">
            <button type="button" class="primary" autofocus onClick={finish}>
              {t('pay.done')}
            </button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            confirm();
          }}
        >
          <p class="pay-due">
            {t('pay.due')} <strong>{formatMoney(dueCents, currency)}</strong>
            {(order.paidCents ?? 0) > 0 ? (
              <span class="muted">
                {' '}
                {t('pay.paidSoFar', { amount: formatMoney(order.paidCents ?? 0, currency) })}
              </span>
            ) : null}
          </p>
          <div class="pay-methods" role="group" aria-label={t('pay.method')}>
            {METHODS.map((m) => (
              <button key={m} type="button" aria-pressed={method === m} onClick={() => setMethod(m)}>
                {methodWord(m)}
              </button>
            ))}
          </div>
          <label class="pay-field">
            {t('pay.amount')}
            <input
              type="text"
              inputMode="decimal"
              autocomplete="off"
              value={amount}
              onInput={(e) => setAmount(e.currentTarget.value)}
            />
          </label>
          {method === 'cash' ? (
            <>
              <label class="pay-field">
                {t('pay.tendered')}
                <input
                  ref={tenderedRef}
                  type="text"
                  inputMode="decimal"
                  autocomplete="off"
                  placeholder={amountCents !== null ? moneyInputText(amountCents, currency) : ''}
                  value={tendered}
                  onInput={(e) => setTendered(e.currentTarget.value)}
                />
              </label>
              <div class="pay-quick" role="group" aria-label={t('pay.quick')}>
                {quickAmounts(amountCents ?? 0, currency).map((cents, i) => (
                  <button
                    key={cents}
                    type="button"
                    onClick={() => setTendered(moneyInputText(cents, currency))}
                  >
                    {i === 0
                      ? t('pay.exact', { amount: formatMoney(cents, currency) })
                      : formatMoney(cents, currency)}
                  </button>
                ))}
              </div>
              <p class="pay-change" aria-live="polite">
                {t('pay.change')} <strong>{formatMoney(liveChange ?? 0, currency)}</strong>
              </p>
            </>
          ) : null}
          {method === 'card' ? (
            <label class="pay-field">
              {t('pay.tip')}
              <input
                type="text"
                inputMode="decimal"
                autocomplete="off"
                placeholder="0"
                value={tip}
                onInput={(e) => setTip(e.currentTarget.value)}
              />
            </label>
          ) : null}
          {amountCents !== null && amountCents > 0 && amountCents < dueCents ? (
            <p class="muted">{t('pay.part', { rest: formatMoney(dueCents - amountCents, currency) })}</p>
          ) : null}
          {tried && !check.ok ? (
            <p class="field-error" role="alert">
              {check.reason}
            </p>
          ) : null}
          <div class="pay-actions">
            <button type="button" onClick={finish}>
              {t('pay.close')}
            </button>
            <button type="submit" class="primary">
              {t('pay.confirm')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
