// The banner on the owner's first screen after pairing: what to do next (pair the tablets), with a link to
// Devices and a way to close it. Opening Devices counts as done.
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { dismissOwnerWelcome, ownerWelcomePending } from '../owner-welcome.ts';
import { t } from '../i18n.ts';

export function OwnerWelcomeBanner() {
  const { path } = useLocation();
  const [shown, setShown] = useState(ownerWelcomePending);
  useEffect(() => {
    if (!shown && ownerWelcomePending()) setShown(true);
    if (path === '/devices' && ownerWelcomePending()) {
      dismissOwnerWelcome();
      setShown(false);
    }
  }, [path]);
  if (!shown) return null;
  return (
    <section class="banner owner-welcome" aria-label={t('welcome.label')}>
      <p>
        <strong>{t('welcome.owner')}</strong> {t('welcome.before')}{' '}
        <a href="/devices">{t('screen.devices')}</a>
        {t('welcome.after')}
      </p>
      <button
        type="button"
        onClick={() => {
          dismissOwnerWelcome();
          setShown(false);
        }}
      >
        {t('welcome.close')}
      </button>
    </section>
  );
}
