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
import { t } from '../i18n.ts';

function pairingFailure(error: unknown): string {
  return describeFailure(error, t('pairing.needsConnection'));
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
      // The cookie is set for the origin: the SW reads who this device is and sends what it kept while signed
      // out; the `sync` broadcast then carries `auth: 'paired'`.
      const identity = await bridge.request({ v: 1, type: 'paired' });
      if (identity.role === 'owner') announceOwnerWelcome();
      route(homePathFor(identity.role), true);
    } catch (reason) {
      setBusy(false);
      setError(t('pairing.workerFailed', { error: errorMessage(reason) }));
    }
  };

  return (
    <main class="screen pairing">
      <h2>{signedOut ? t('pairing.signedOutHeading') : t('pairing.heading')}</h2>
      {signedOut ? (
        <p>{t('pairing.signedOut')}</p>
      ) : ownerExists === false ? (
        <p>{t('pairing.firstOwner')}</p>
      ) : (
        <p>{t('pairing.askOwner', { screen: t('screen.devices'), button: t('pairing.pairNew') })}</p>
      )}
      {sync && sync.waiting > 0 ? <p class="kept">{keptChangesText(sync.waiting)}</p> : null}
      <form class="pairing-form" onSubmit={(event) => void pair(event)}>
        <label for="pairing-code">{t('pairing.codeField')}</label>
        <input
          id="pairing-code"
          name="code"
          value={code}
          onInput={(event) => setCode(event.currentTarget.value)}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          placeholder={'ABCD-EFGH'}
          required
        />
        <label for="device-name">{t('pairing.deviceName')}</label>
        <input
          id="device-name"
          name="name"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          maxLength={60}
          placeholder={t('pairing.namePlaceholder')}
          required
        />
        <button type="submit" disabled={busy}>
          {t('pairing.heading')}
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
