// "Pair a new device": pick a role, create a one-time code (POST /api/pairings) and show it as `ABCD-EFGH`
// and as a QR code of its pairUrl. The QR library is imported here only, so it lives in this lazy chunk.
import { toString as qrSvg } from 'qrcode';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PairingResponse } from '../../protocol/pairing.ts';
import { ROLES, type Role } from '../../protocol/roles.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { displayPairingCode } from '../pairing-code.ts';
import { intlLocale, t } from '../i18n.ts';
import { roleWord } from '../role-words.ts';

/** While a code is outstanding, re-read the device list this often, so the new device shows up by itself. */
const WATCH_MS = 3_000;

interface Shown extends PairingResponse {
  role: Role;
  /** How many devices the list held when the code was made: one more means the code was used. */
  devicesBefore: number;
  /** The QR code as an SVG data: URL (the CSP allows `img-src data:`; no inline styles are involved). */
  qrDataUrl: string;
}

async function createPairing(role: Role, devicesBefore: number): Promise<Shown> {
  const pairing = await apiRequest<PairingResponse>('POST', '/api/pairings', { role });
  const svg = await qrSvg(pairing.pairUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return {
    ...pairing,
    role,
    devicesBefore,
    qrDataUrl: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
  };
}

/**
 * The setup page next to the pairing address: the same host on this page's plain-HTTP port, when this page was
 * itself opened over plain HTTP (on the server machine); over HTTPS the plain port is not known here.
 */
function setupUrlFor(pairUrl: string): string | null {
  if (location.protocol !== 'http:') return null;
  const host = new URL(pairUrl).hostname;
  return `http://${host}${location.port === '' ? '' : `:${location.port}`}/setup`;
}

interface PairNewDeviceProps {
  online: boolean;
  /** Devices in the list now (null before it loaded). */
  deviceCount: number | null;
  /** Re-reads the device list. */
  onWatch: () => void;
}

export function PairNewDevice({ online, deviceCount, onWatch }: PairNewDeviceProps) {
  const [role, setRole] = useState<Role>('counter');
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shownRef = useRef<HTMLDivElement>(null);
  // A new code is brought into view and focused: below the fold, "Create pairing code" seemed to do nothing.
  const shownCode = shown?.code ?? null;
  useEffect(() => {
    if (shownCode === null) return;
    shownRef.current?.scrollIntoView({ block: 'nearest' });
    shownRef.current?.focus({ preventScroll: true });
  }, [shownCode]);

  const used = shown !== null && deviceCount !== null && deviceCount > shown.devicesBefore;
  useEffect(() => {
    if (shown === null || used || !online) return;
    const expiresAt = Date.parse(shown.expiresAt);
    const timer = setInterval(() => {
      if (Date.now() > expiresAt) setShown(null);
      else onWatch();
    }, WATCH_MS);
    return () => clearInterval(timer);
  }, [shown, used, online, onWatch]);

  const create = () => {
    setBusy(true);
    setError(null);
    createPairing(role, deviceCount ?? 0).then(
      (next) => {
        setShown(next);
        setBusy(false);
      },
      (reason: unknown) => {
        setError(
          t('pairing.notCreated', { reason: describeFailure(reason, t('pairing.createNeedsConnection')) }),
        );
        setBusy(false);
      },
    );
  };

  return (
    <section class="panel pair-new" aria-labelledby="pair-new-heading">
      <h3 id="pair-new-heading">{t('pairing.pairNew')}</h3>
      <label for="pair-role">{t('devices.role')}</label>
      <select id="pair-role" value={role} onChange={(event) => setRole(event.currentTarget.value as Role)}>
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {roleWord(option)}
          </option>
        ))}
      </select>
      <button type="button" onClick={create} disabled={busy || !online}>
        {t('pairing.create')}
      </button>
      {online ? null : <p class="muted">{t('pairing.createOffline')}</p>}
      {error ? (
        <p class="banner problem" role="alert">
          {error}
        </p>
      ) : null}
      {shown ? (
        <div
          class="pairing-code-shown"
          ref={shownRef}
          tabIndex={-1}
          role="group"
          aria-label={t('pairing.newCodeFor', { role: roleWord(shown.role) })}
        >
          <p>
            {t('pairing.howTo', {
              role: roleWord(shown.role),
              time: new Date(shown.expiresAt).toLocaleTimeString(intlLocale()),
            })}
          </p>
          <p class="muted">
            {t('pairing.certWarning', {
              setup: setupUrlFor(shown.pairUrl) ?? t('pairing.setupPage'),
            })}
          </p>
          <p>
            {t('pairing.code')} <strong class="pairing-code">{displayPairingCode(shown.code)}</strong>
          </p>
          <img
            class="pairing-qr"
            src={shown.qrDataUrl}
            alt={t('pairing.qrAlt', { url: shown.pairUrl })}

            width={200}
            height={200}
          />
          <p class="muted">{shown.pairUrl}</p>
        </div>
      ) : null}
    </section>
  );
}
