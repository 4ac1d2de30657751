// The Pairing screen (`/pair`, and in place of everything while unpaired or signed out): the owner's code
// (typed, or filled from the QR code's `/pair?code=…`) and a name make this browser a device. The page posts
// POST /api/pair itself, then tells the SW (`paired`) and opens the role's home screen.
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import type { PairResponse, SetupResponse } from '../../protocol/pairing.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { announceOwnerWelcome } from '../owner-welcome.ts';
import { clearPairingDraft, keepPairingDraft, readPairingDraft } from '../pairing-draft.ts';
import { errorMessage } from '../sw-bridge.ts';
import { useSubscription } from '../use-subscription.ts';
import { keptChangesText } from './kept-changes.ts';
import type { ScreenProps } from './screen-props.ts';
import { homePathFor } from './screen-table.ts';

function pairingFailure(error: unknown): string {
  return describeFailure(error, 'Pairing needs a connection to the server, and there is none right now.');
}

export default function PairingScreen({ store, bridge }: ScreenProps) {
  useSubscription(store, () => store.syncVersion);
  const { query, route } = useLocation();
  const [draft] = useState(() => readPairingDraft(query.code ?? '', store.sync?.device?.name ?? ''));
  const [code, setCodeState] = useState(draft.code);
  const [name, setNameState] = useState(draft.name);
  // Every keystroke is kept outside the component too: a redraw after the worker's first answer remounts it.
  const setCode = (next: string) => {
    setCodeState(next);
    keepPairingDraft({ code: next, name });
  };
  const setName = (next: string) => {
    setNameState(next);
    keepPairingDraft({ code, name: next });
  };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Whether an owner device exists yet: before the first one, the code came from the server's start-up log.
  const [ownerExists, setOwnerExists] = useState<boolean | null>(null);
  useEffect(() => {
    apiRequest<SetupResponse>('GET', '/api/setup').then(
      (setup) => setOwnerExists(setup.ownerExists === true),
      // Unknown (offline): the general wording below is shown, which is still right.
      () => setOwnerExists(null),
    );
  }, []);
  const sync = store.sync;
  const signedOut = sync?.auth === 'signed-out';

  const pair = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // The id the SW still holds: a revoked browser gets it back, so the orders it kept keep their deviceId.
      const deviceId = store.deviceId || undefined;
      await apiRequest<PairResponse>('POST', '/api/pair', { code: code.trim(), name: name.trim(), deviceId });
    } catch (reason) {
      setBusy(false);
      setError(pairingFailure(reason));
      return;
    }
    clearPairingDraft();
    try {
      const identity = await bridge.paired();
      if (identity.role === 'owner') announceOwnerWelcome();
      route(homePathFor(identity.role), true);
    } catch (reason) {
      setBusy(false);
      setError(
        `This device is paired, but its offline worker did not take the pairing: ${errorMessage(reason)}`,
      );
    }
  };

  return (
    <main class="screen pairing">
      <h2>{signedOut ? 'Signed out: pair this device again' : 'Pair this device'}</h2>
      {signedOut ? (
        <p>
          The server no longer accepts this device (it was revoked, or its sign-in was lost). Ask the owner
          for a new pairing code.
        </p>
      ) : ownerExists === false ? (
        <p>
          No owner device is paired yet. If this code came from the server's start-up message, pairing makes
          this the owner's device, which pairs the tablets and edits the menu: give it a name and pair it.
        </p>
      ) : (
        <p>Ask the owner for a pairing code (Devices screen, "Pair a new device"), or scan its QR code.</p>
      )}
      {sync && sync.waiting > 0 ? <p class="kept">{keptChangesText(sync.waiting)}</p> : null}
      <form class="pairing-form" onSubmit={(event) => void pair(event)}>
        <label for="pairing-code">Pairing code</label>
        <input
          id="pairing-code"
          name="code"
          value={code}
          onInput={(event) => setCode(event.currentTarget.value)}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          placeholder="ABCD-EFGH"
          required
        />
        <label for="device-name">Device name</label>
        <input
          id="device-name"
          name="name"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          maxLength={60}
          placeholder="Front counter"
          required
        />
        <button type="submit" disabled={busy}>
          Pair this device
        </button>
      </form>
      {error ? (
        <p class="banner problem" role="alert">
          {error}
        </p>
      ) : null}
    </main>
  );
}
