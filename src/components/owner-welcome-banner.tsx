// The banner on the owner's first screen after pairing: what to do next (pair the tablets), with a link to
// Devices and a way to close it. Opening Devices counts as done.
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { dismissOwnerWelcome, ownerWelcomePending } from '../owner-welcome.ts';

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
    <section class="banner owner-welcome" aria-label="Next step">
      <p>
        <strong>You are the owner.</strong> Now pair your tablets: open <a href="/devices">Devices</a>, choose
        a role and create a pairing code for each tablet.
      </p>
      <button
        type="button"
        onClick={() => {
          dismissOwnerWelcome();
          setShown(false);
        }}
      >
        Close this tip
      </button>
    </section>
  );
}
