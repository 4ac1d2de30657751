// The local CA's fingerprint on the owner's Devices screen: this screen comes over HTTPS (or from the server
// machine itself), so it is the trustworthy copy to compare with what /setup (plain HTTP, forgeable) shows.
import { useEffect, useState } from 'preact/hooks';
import type { SetupResponse } from '../../protocol/pairing.ts';
import { apiRequest } from '../api-request.ts';
import { t } from '../i18n.ts';

export function CaFingerprint({ online }: { online: boolean }) {
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  useEffect(() => {
    if (!online) return;
    apiRequest<SetupResponse>('GET', '/api/setup')
      .then((setup) => setFingerprint(typeof setup.caFingerprint === 'string' ? setup.caFingerprint : null))
      .catch(() => setFingerprint(null));
  }, [online]);
  if (fingerprint === null) return null;
  return (
    <section aria-labelledby="ca-fingerprint" class="ca-fingerprint">
      <h3 id="ca-fingerprint">{t('devices.fingerprint')}</h3>
      <p class="muted">{t('devices.fingerprintHelp')}</p>
      <p>
        <code aria-label={t('devices.fingerprintLabel')}>{fingerprint}</code>
      </p>
    </section>
  );
}
