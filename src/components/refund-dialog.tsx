// Refunds (owner only, DESIGN "Screens, part 3"): a modal `dialog` named `Refunds <number>` listing the order's
// payments; per payment an `Amount` (at most what is left of it) and a `Reason`, then a question before the money
// goes back (a refund is destructive). Opened from a counter row's Details and from History.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Payment } from '../../protocol/order.ts';
import { refundableCents } from '../../protocol/payments.ts';
import { formatMoney } from '../display-format.ts';
import { errorMessage } from '../sw-bridge.ts';
import { moneyInputText, parseMoney } from '../money-input.ts';
import './pay-dialog.css';
import { wrapTab } from './focus-wrap.ts';
import { METHOD_WORD } from '../payment-words.ts';

export interface RefundDialogProps {
  order: { id: string; number: string; payments?: Payment[] | undefined };
  currency: string | null;
  onRefund: (paymentId: string, amountCents: number, reason: string) => Promise<unknown>;
  onClose: () => void;
}

type Step =
  | { kind: 'list' }
  | { kind: 'form'; payment: Payment; amount: string; reason: string; error: string | null }
  | { kind: 'ask'; payment: Payment; amountCents: number; reason: string };

export default function RefundDialog({ order, currency, onRefund, onClose }: RefundDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [step, setStep] = useState<Step>({ kind: 'list' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = `refund-title-${order.id}`;
  const money = (cents: number) => formatMoney(cents, currency);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  // `autofocus` only acts when a dialog opens: each step puts the focus on its own first field or safe answer.
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[autofocus]')?.focus();
  }, [step.kind]);
  const finish = () => {
    ref.current?.close();
    onClose();
  };

  const submitForm = (s: Extract<Step, { kind: 'form' }>) => {
    const amountCents = parseMoney(s.amount, currency);
    const left = refundableCents(s.payment);
    const reason = s.reason.trim();
    const error =
      amountCents === null || amountCents <= 0
        ? 'Enter the amount to refund.'
        : amountCents > left
          ? `At most ${money(left)} is left of this payment.`
          : reason === ''
            ? 'Enter the reason.'
            : null;
    if (error !== null || amountCents === null) setStep({ ...s, error });
    else setStep({ kind: 'ask', payment: s.payment, amountCents, reason });
  };
  const refund = (s: Extract<Step, { kind: 'ask' }>) => {
    setBusy(true);
    setProblem(null);
    onRefund(s.payment.id, s.amountCents, s.reason).then(
      () => {
        setBusy(false);
        setStep({ kind: 'list' });
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(`The refund was not recorded: ${errorMessage(error)}`);
      },
    );
  };

  const payments = order.payments ?? [];
  return (
    <dialog
      ref={ref}
      class="pay-dialog"
      aria-labelledby={titleId}
      onKeyDown={wrapTab}
      onCancel={(event) => {
        event.preventDefault();
        if (step.kind === 'list') finish();
        else setStep({ kind: 'list' });
      }}
    >
      <h2 id={titleId}>Refunds {order.number}</h2>
      {problem ? (
        <p class="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {step.kind === 'list' ? (
        <>
          {payments.length === 0 ? <p>No payments recorded.</p> : null}
          <ul class="refund-payments" aria-label={`Payments of order ${order.number}`}>
            {payments.map((p) => {
              const left = refundableCents(p);
              const label = `${METHOD_WORD[p.method]} ${money(p.amountCents)}`;
              return (
                <li key={p.id}>
                  <span>
                    {label}
                    {p.tipCents > 0 ? `, tip ${money(p.tipCents)}` : ''}
                    {p.refunds.length > 0 ? `, refunded ${money(p.amountCents - left)}` : ''}
                  </span>
                  {left > 0 ? (
                    <button
                      type="button"
                      class="danger"
                      onClick={() =>
                        setStep({
                          kind: 'form',
                          payment: p,
                          amount: moneyInputText(left, currency),
                          reason: '',
                          error: null,
                        })
                      }
                    >
                      Refund {label}
                    </button>
                  ) : (
                    <span class="muted">Refunded</span>
                  )}
                </li>
              );
            })}
          </ul>
          <div class="pay-actions">
            <button type="button" onClick={finish}>
              Close
            </button>
          </div>
        </>
      ) : null}
      {step.kind === 'form' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submitForm(step);
          }}
        >
          <p>
            {METHOD_WORD[step.payment.method]} payment of {money(step.payment.amountCents)}; at most{' '}
            {money(refundableCents(step.payment))} can go back.
          </p>
          <label class="pay-field">
            Amount
            <input
              type="text"
              inputMode="decimal"
              autocomplete="off"
              value={step.amount}
              onInput={(e) => setStep({ ...step, amount: e.currentTarget.value })}
            />
          </label>
          <label class="pay-field">
            Reason
            <input
              type="text"
              autocomplete="off"
              maxLength={200}
              autofocus
              value={step.reason}
              onInput={(e) => setStep({ ...step, reason: e.currentTarget.value })}
            />
          </label>
          {step.error ? (
            <p class="field-error" role="alert">
              {step.error}
            </p>
          ) : null}
          <div class="pay-actions">
            <button type="button" onClick={() => setStep({ kind: 'list' })}>
              Back
            </button>
            <button type="submit" class="danger">
              Refund
            </button>
          </div>
        </form>
      ) : null}
      {step.kind === 'ask' ? (
        <div>
          <p>
            Give {money(step.amountCents)} back from the {step.payment.method} payment ({step.reason})? This
            cannot be undone.
          </p>
          <div class="pay-actions">
            {/* The safe answer has the focus, so a stray Enter keeps the money where it is. */}
            <button type="button" autofocus onClick={() => setStep({ kind: 'list' })}>
              Keep payment
            </button>
            <button type="button" class="danger" disabled={busy} onClick={() => refund(step)}>
              Yes, refund {money(step.amountCents)}
            </button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
