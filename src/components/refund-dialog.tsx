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
import { methodWord } from '../payment-words.ts';
import { t } from '../i18n.ts';

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
        ? t('refund.enterAmount')
        : amountCents > left
          ? t('refund.tooMuch', { left: money(left) })
          : reason === ''
            ? t('drawer.enterReason')
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
        setProblem(t('refund.failed', { error: errorMessage(error) }));
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
      <h2 id={titleId}>{t('refund.title', { number: order.number })}</h2>
      {problem ? (
        <p class="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {step.kind === 'list' ? (
        <>
          {payments.length === 0 ? <p>{t('refund.none')}</p> : null}
          <ul class="refund-payments" aria-label={t('refund.payments', { number: order.number })}>
            {payments.map((p) => {
              const left = refundableCents(p);
              const label = `${methodWord(p.method)} ${money(p.amountCents)}`;
              return (
                <li key={p.id}>
                  <span>
                    {label}
                    {p.tipCents > 0 ? t('refund.tip', { amount: money(p.tipCents) }) : ''}
                    {p.refunds.length > 0
                      ? t('refund.refunded', { amount: money(p.amountCents - left) })
                      : ''}
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
                      {t('refund.refundOne', { payment: label })}
                    </button>
                  ) : (
                    <span class="muted">{t('refund.done')}</span>
                  )}
                </li>
              );
            })}
          </ul>
          <div class="pay-actions">
            <button type="button" onClick={finish}>
              {t('pay.close')}
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
            {t('refund.what', {
              method: step.payment.method,
              amount: money(step.payment.amountCents),
              left: money(refundableCents(step.payment)),
            })}
          </p>
          <label class="pay-field">
            {t('pay.amount')}
            <input
              type="text"
              inputMode="decimal"
              autocomplete="off"
              value={step.amount}
              onInput={(e) => setStep({ ...step, amount: e.currentTarget.value })}
            />
          </label>
          <label class="pay-field">
            {t('drawer.reason')}
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
              {t('refund.back')}
            </button>
            <button type="submit" class="danger">
              {t('refund.refund')}
            </button>
          </div>
        </form>
      ) : null}
      {step.kind === 'ask' ? (
        <div>
          <p>
            {t('refund.ask', {
              amount: money(step.amountCents),
              method: step.payment.method,
              reason: step.reason,
            })}
          </p>
          <div class="pay-actions">
            {/* The safe answer has the focus, so a stray Enter keeps the money where it is. */}
            <button type="button" autofocus onClick={() => setStep({ kind: 'list' })}>
              {t('refund.keep')}
            </button>
            <button type="button" class="danger" disabled={busy} onClick={() => refund(step)}>
              {t('refund.yes', { amount: money(step.amountCents) })}
            </button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
