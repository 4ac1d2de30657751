// The owner's plain view of the devices in Diagnostics: each paired device, online or offline since when, from
// GET /api/devices (its live stream and its last request). Re-read every 5 s while the screen is open.
import { useEffect, useState } from 'preact/hooks';
import type { DeviceListEntry, DevicesResponse } from '../../protocol/pairing.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { connectionState, connectionText } from '../device-connection.ts';

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
        (reason: unknown) =>
          live && setError(describeFailure(reason, 'The device list needs a connection to the server.')),
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
      <h3 id="device-status-heading">Devices</h3>
      {error ? <p class="error">Could not read the devices: {error}</p> : null}
      {offline.length > 0 ? (
        <p class="warning">
          ⚠ Offline: {offline.map((device) => device.name).join(', ')}. Check that{' '}
          {offline.length === 1 ? 'it is' : 'they are'} switched on and on the shop's Wi-Fi.
        </p>
      ) : null}
      {devices === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <ul aria-label="Device connections" class="device-status-list">
          {devices.map((device) => (
            <li
              key={device.id}
              data-device-id={device.id}
              class={`connection-${connectionState(device, now)}`}
            >
              <strong>{device.name}</strong>
              {device.id === ownId ? ' (this device)' : ''} <span class="muted">{device.role}</span>
              <span class="connection-text">{connectionText(device, now)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
