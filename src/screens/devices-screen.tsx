// The Devices screen (`/devices`, owner): every paired device with rename and revoke, and "Pair a new
// device", which creates a one-time code and shows it as text and QR code. Needs a connection; says so.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { DeviceListEntry, DevicesResponse } from '../../protocol/pairing.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { useBrowserOnline } from '../use-browser-online.ts';
import { useSubscription } from '../use-subscription.ts';
import { CaFingerprint } from './ca-fingerprint.tsx';
import { DeviceRow } from './device-row.tsx';
import { PairNewDevice } from './pair-new-device.tsx';
import { BackupStatusPanel } from './backup-status.tsx';
import type { ScreenProps } from './screen-props.ts';
import { ConnectionBanners } from './connection-banners.tsx';
import { t } from '../i18n.ts';

function failureText(error: unknown): string {
  return describeFailure(error, t('devices.needsConnection'));
}

export default function DevicesScreen({ store }: ScreenProps) {
  useSubscription(store, () => store.sync?.device?.id ?? null);
  const online = useBrowserOnline();
  const [devices, setDevices] = useState<DeviceListEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const body = await apiRequest<DevicesResponse>('GET', '/api/devices');
      if (!Array.isArray(body.devices)) throw new Error(t('devices.notAList'));
      setDevices(body.devices);
      setError(null);
    } catch (reason) {
      setError(t('devices.loadFailed', { reason: failureText(reason) }));
    }
  }, []);

  useEffect(() => {
    if (online) void refresh();
  }, [online, refresh]);

  /** Runs one change, shows its failure, and re-reads the list either way. */
  const change = useCallback(
    async (what: string, action: () => Promise<unknown>) => {
      try {
        await action();
        setError(null);
      } catch (reason) {
        setError(t('devices.changeFailed', { what, reason: failureText(reason) }));
      }
      await refresh();
    },
    [refresh],
  );

  const ownId = store.sync?.device?.id ?? null;
  return (
    <main class="screen devices">
      <h2>{t('screen.devices')}</h2>
      <ConnectionBanners online={online} needsConnection={t('devices.needsConnection')} error={error} />
      {/* First: pairing is what the owner comes here for, and the new code must show without scrolling. */}
      <PairNewDevice online={online} deviceCount={devices?.length ?? null} onWatch={refresh} />
      <button type="button" onClick={() => void refresh()} disabled={!online}>
        {t('devices.refresh')}
      </button>
      {devices === null ? (
        <p class="muted">{online ? t('devices.loading') : t('devices.shownOnline')}</p>
      ) : (
        <ul aria-label={t('screen.devices')} class="device-list">
          {devices.map((device) => (
            <DeviceRow
              key={device.id}
              device={device}
              isThisDevice={device.id === ownId}
              disabled={!online}
              onRename={(name) =>
                change(t('devices.renaming', { name: device.name }), () =>
                  apiRequest('PATCH', `/api/devices/${device.id}`, { name }),
                )
              }
              onRole={(role) =>
                change(t('devices.changingRole', { name: device.name }), () =>
                  apiRequest('PATCH', `/api/devices/${device.id}`, { role }),
                )
              }
              onRevoke={() =>
                change(t('devices.revoking', { name: device.name }), () =>
                  apiRequest('DELETE', `/api/devices/${device.id}`),
                )
              }
            />
          ))}
        </ul>
      )}
      <CaFingerprint online={online} />
      <BackupStatusPanel online={online} />
    </main>
  );
}
