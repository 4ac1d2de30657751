// The owner's plain view of the devices in Diagnostics: each paired device, online or offline since when, from
// GET /api/devices (its live stream and its last request). Re-read every 5 s while the screen is open.
import { useEffect, useState } from 'preact/hooks';
import type { DeviceListEntry, DevicesResponse } from '../../protocol/pairing.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { connectionState, connectionText } from '../device-connection.ts';
import { t } from '../i18n.ts';
import { roleWord } from '../role-words.ts';

const REFRESH_MS = 5_000;

export function DeviceStatusList({ ownId }: { ownId: string | null }) {
  const [devices, setDevices] = useState<DeviceListEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let live = true;
    const refresh = () =>
      apiRequest<DevicesResponse>('GET', '/api/devices').then(
        (body) => {
          if (!live) return;
          setDevices((body.devices ?? []).filter((device) => !device.revoked));
          setError(null);
          setNow(Date.now());
        },
        (reason: unknown) => live && setError(describeFailure(reason, t('devices.listNeedsConnection'))),
      );
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const offline = devices?.filter((device) => connectionState(device, now) === 'offline') ?? [];
  return (
    <section class="panel device-status" aria-labelledby="device-status-heading">
      <h3 id="device-status-heading">{t('screen.devices')}</h3>
      {error ? <p class="error">{t('devices.readFailed', { error })}</p> : null}
      {offline.length > 0 ? (
        <p class="warning">
          {t('devices.offlineWarning', {
            count: offline.length,
            names: offline.map((device) => device.name).join(', '),
          })}
        </p>
      ) : null}
      {devices === null ? (
        <p class="muted">{t('devices.loadingShort')}</p>
      ) : (
        <ul aria-label={t('devices.connections')} class="device-status-list">
          {devices.map((device) => (
            <li
              key={device.id}
              data-device-id={device.id}
              class={`connection-${connectionState(device, now)}`}
            >
              <strong>{device.name}</strong>
              {device.id === ownId ? ` ${t('devices.thisDevice')}` : ''}{' '}
              <span class="muted">{roleWord(device.role)}</span>
              <span class="connection-text">{connectionText(device, now)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
