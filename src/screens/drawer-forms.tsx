// The Drawer screen's three forms (DESIGN principle 22): `Open drawer` (`Float`), `Paid in` / `Paid out` (amount and
// `Reason`), `Close drawer` (`Counted cash`, asked first: a closed drawer's Z report never changes).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MovementKind } from '../../protocol/drawer.ts';
import { parseMoney } from '../money-input.ts';

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
      aria-label="Open drawer"
      onSubmit={(event) => {
        event.preventDefault();
        const floatCents = float.trim() === '' ? 0 : parseMoney(float, props.currency);
        setInvalid(floatCents === null);
        if (floatCents !== null) void props.onOpen(floatCents);
      }}
    >
      <p>No drawer is open on this device.</p>
      <label class="pay-field">
        Float
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
          Enter the float as an amount, e.g. 100.00.
        </p>
      ) : null}
      <button type="submit" class="primary">
        Open drawer
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
        ? 'Enter the amount.'
        : why === ''
          ? 'Enter the reason.'
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
      aria-label="Paid in or out"
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event as SubmitEvent).submitter;
        submit(submitter?.getAttribute('value') === 'out' ? 'out' : 'in');
      }}
    >
      <h4>Paid in / paid out</h4>
      <label class="pay-field">
        Amount
        <input
          type="text"
          inputMode="decimal"
          autocomplete="off"
          value={amount}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
      </label>
      <label class="pay-field">
        Reason
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
          Paid in
        </button>
        <button type="submit" value="out">
          Paid out
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
      aria-label="Close drawer"
      onSubmit={(event) => {
        event.preventDefault();
        const countedCents = parseMoney(counted, props.currency);
        setInvalid(countedCents === null);
        if (countedCents !== null) setAsking(countedCents);
      }}
    >
      <h4>Close the drawer</h4>
      <label class="pay-field">
        Counted cash
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
          Enter the cash counted in the drawer.
        </p>
      ) : null}
      {asking === null ? (
        <button type="submit" class="danger">
          Close drawer
        </button>
      ) : (
        <div class="confirm-inline" role="group" aria-label="Close the drawer?">
          <p>
            Close the drawer with {props.money(asking)} counted (expected so far{' '}
            {props.money(props.expectedCents)})? A closed drawer's Z report never changes.
          </p>
          <div class="dialog-actions">
            <button type="button" ref={keep} onClick={() => setAsking(null)}>
              Keep open
            </button>
            <button
              type="button"
              class="danger"
              onClick={() => void props.onClose(asking).then(() => setAsking(null))}
            >
              Yes, close drawer
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
