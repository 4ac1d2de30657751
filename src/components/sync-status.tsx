// The "Sync status" live region: Online/Offline, signed out, what is still waiting, what needs attention, and
// a storage failure if the SW reports one.
import type { OrdersStore } from '../orders-store.ts';
import { useBrowserOnline } from '../use-browser-online.ts';
import { useSubscription } from '../use-subscription.ts';
import { t } from '../i18n.ts';

export function SyncStatusBar({ store }: { store: OrdersStore }) {
  useSubscription(store, () => store.syncVersion);
  const browserOnline = useBrowserOnline();
  const sync = store.sync;
  const online = browserOnline && sync !== null && sync.online;
  const attention = sync?.needsAttention.length ?? 0;
  const parts: [className: string, text: string][] = [];
  if (sync === null) parts.push(['sync-online', t('sync.connecting')]);
  else {
    parts.push(['sync-online', online ? t('sync.online') : t('sync.offline')]);
    // Kept changes wait for pairing, not for the network (principle 13).
    if (sync.auth === 'signed-out') parts.push(['sync-auth', t('sync.signedOut')]);
    parts.push([
      'sync-waiting',
      sync.waiting > 0 ? t('sync.waiting', { count: sync.waiting }) : t('sync.allSaved'),
    ]);
    if (attention > 0) parts.push(['sync-attention', t('sync.attention', { count: attention })]);
    if (sync.storageError) parts.push(['sync-storage', t('sync.storage', { error: sync.storageError })]);
  }
  return (
    <div role="status" aria-label={t('sync.label')} class={`sync-status ${online ? 'online' : 'offline'}`}>
      <span class="sync-dot" aria-hidden="true" />
      {/* The trailing space keeps the region's text readable as words ("Online 2 waiting to sync"). */}
      {parts.map(([className, text]) => (
        <span class={className} key={className}>
          {text}{' '}
        </span>
      ))}
    </div>
  );
}
