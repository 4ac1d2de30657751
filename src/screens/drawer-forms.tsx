// The Drawer screen's three forms (DESIGN principle 22): `Open drawer` (`Float`), `Paid in` / `Paid out` (amount and
// `Reason`), `Close drawer` (`Counted cash`, asked first: a closed drawer's Z report never changes).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MovementKind } from '../../protocol/drawer.ts';
import { currencyDigits, moneyInputText, parseMoney } from '../money-input.ts';
import { t } from '../i18n.ts';

export function OpenForm(props: {
  money: (cents: number) => string;
  currency: string | null;
  onOpen: (floatCents: number) => Promise<boolean>;
}) {
  const [float, setFloat] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      class="panel drawer-form"
      aria-label={t('drawer.open')}
      onSubmit={(event) => {
        event.preventDefault();
        const floatCents = float.trim() === '' ? 0 : parseMoney(float, props.currency);
        setInvalid(floatCents === null);
        if (floatCents !== null) void props.onOpen(floatCents);
      }}
    >
      <p>{t('drawer.noneOpen')}</p>
      <label class="pay-field">
        {t('drawer.float')}
        <input
          type="text"
          inputMode="decimal"
          autocomplete="off"
          value={float}
          placeholder="0"
          onInput={(e) => setFloat(e.currentTarget.value)}
        />
      </label>
      {invalid ? (
        <p class="field-error" role="alert">
          {t('drawer.enterFloat', {
            example: moneyInputText(100 * 10 ** currencyDigits(props.currency), props.currency),
          })}
        </p>
      ) : null}
      <button type="submit" class="primary">
        {t('drawer.open')}
      </button>
    </form>
  );
}

export function MoveForm(props: {
  currency: string | null;
  onMove: (kind: MovementKind, amountCents: number, reason: string) => Promise<boolean>;
}) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = (kind: MovementKind) => {
    const amountCents = parseMoney(amount, props.currency);
    const why = reason.trim();
    const message =
      amountCents === null || amountCents <= 0
        ? t('drawer.enterAmount')
        : why === ''
          ? t('drawer.enterReason')
          : null;
    setInvalid(message);
    if (message !== null || amountCents === null) return;
    void props.onMove(kind, amountCents, why).then((ok) => {
      if (!ok) return;
      setAmount('');
      setReason('');
    });
  };
  return (
    <form
      class="drawer-form"
      aria-label={t('drawer.moveLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event as SubmitEvent).submitter;
        submit(submitter?.getAttribute('value') === 'out' ? 'out' : 'in');
      }}
    >
      <h4>{t('drawer.moveHeading')}</h4>
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
      <label class="pay-field">
        {t('drawer.reason')}
        <input
          type="text"
          autocomplete="off"
          maxLength={200}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>
      {invalid ? (
        <p class="field-error" role="alert">
          {invalid}
        </p>
      ) : null}
      <div class="dialog-actions">
        <button type="submit" value="in">
          {t('drawer.paidIn')}
        </button>
        <button type="submit" value="out">
          {t('drawer.paidOut')}
        </button>
      </div>
    </form>
  );
}

export function CloseForm(props: {
  money: (cents: number) => string;
  currency: string | null;
  expectedCents: number;
  onClose: (countedCents: number) => Promise<boolean>;
}) {
  const [counted, setCounted] = useState('');
  const [asking, setAsking] = useState<number | null>(null);
  const [invalid, setInvalid] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  // The safe answer takes the focus when the question appears, so a stray Enter keeps the drawer open.
  useEffect(() => {
    if (asking !== null) keep.current?.focus();
  }, [asking !== null]);
  return (
    <form
      class="drawer-form"
      aria-label={t('drawer.close')}
      onSubmit={(event) => {
        event.preventDefault();
        const countedCents = parseMoney(counted, props.currency);
        setInvalid(countedCents === null);
        if (countedCents !== null) setAsking(countedCents);
      }}
    >
      <h4>{t('drawer.closeHeading')}</h4>
      <label class="pay-field">
        {t('drawer.counted')}
        <input
          type="text"
          inputMode="decimal"
          autocomplete="off"
          value={counted}
          onInput={(e) => {
            setCounted(e.currentTarget.value);
            setAsking(null);
          }}
        />
      </label>
      {invalid ? (
        <p class="field-error" role="alert">
          {t('drawer.enterCounted')}
        </p>
      ) : null}
      {asking === null ? (
        <button type="submit" class="danger">
          {t('drawer.close')}
        </button>
      ) : (
        <div class="confirm-inline" role="group" aria-label={t('drawer.closeAsk')}>
          <p>
            {t('drawer.closeQuestion', {
              counted: props.money(asking),
              expected: props.money(props.expectedCents),
            })}
          </p>
          <div class="dialog-actions">
            <button type="button" ref={keep} onClick={() => setAsking(null)}>
              {t('drawer.keepOpen')}
            </button>
            <button
              type="button"
              class="danger"
              onClick={() => void props.onClose(asking).then(() => setAsking(null))}
            >
              {t('drawer.yesClose')}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
