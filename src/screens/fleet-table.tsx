// The owner's fleet table in Diagnostics: every device's display p50/p95 over the last hour, last seen, outbox
// depth and app version from GET /api/telemetry/devices, a device over the 100 ms p95 budget flagged in words.
import { useEffect, useState } from 'preact/hooks';
import type { DevicesResponse } from '../../protocol/pairing.ts';
import { FLAG_DISPLAY_P95_MS, type FleetDevice, type FleetResponse } from '../../protocol/telemetry.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { formatAge } from '../display-format.ts';
import { t } from '../i18n.ts';
import { roleWord } from '../role-words.ts';

const REFRESH_MS = 5_000;

function ms(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)} ms`;
}

export function FleetTable({ ownId }: { ownId: string | null }) {
  const [devices, setDevices] = useState<FleetDevice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());

  useEffect(() => {
    let live = true;
    const refresh = () => {
      // The owner is looking at this table now: a read while the screen is open, not a background poll.
      Promise.all([
        apiRequest<FleetResponse>('GET', '/api/telemetry/devices'),
        // Telemetry knows devices by id; the device list gives them the names the owner chose.
        apiRequest<DevicesResponse>('GET', '/api/devices'),
      ]).then(
        ([fleet, known]) => {
          if (!live) return;
          setDevices(Array.isArray(fleet.devices) ? fleet.devices : []);
          setNames(new Map((known.devices ?? []).map((device) => [device.id, device.name])));
          setError(null);
          setNow(Date.now());
        },
        (reason: unknown) => live && setError(describeFailure(reason, t('diagnostics.fleetNeedsConnection'))),
      );
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const flagged = devices?.filter((device) => device.flagged) ?? [];
  return (
    <section class="panel fleet" aria-labelledby="fleet-heading">
      <h3 id="fleet-heading">{t('diagnostics.fleetHeading')}</h3>
      <p class="muted">{t('diagnostics.fleetIntro')}</p>
      {error ? <p class="error">{t('diagnostics.fleetFailed', { error })}</p> : null}
      {flagged.length > 0 ? (
        <p class="warning">
          {t('diagnostics.fleetSlow', {
            ms: FLAG_DISPLAY_P95_MS,
            names: flagged.map((device) => names.get(device.deviceId) ?? device.deviceId).join(', '),
          })}
        </p>
      ) : null}
      {devices === null ? (
        <p class="muted">{t('devices.loadingShort')}</p>
      ) : devices.length === 0 ? (
        <p class="empty">{t('diagnostics.fleetEmpty')}</p>
      ) : (
        <table class="fleet-table">
          <caption>{t('diagnostics.fleetCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('diagnostics.colDevice')}</th>
              <th scope="col">{t('devices.role')}</th>
              <th scope="col">{t('diagnostics.colP50')}</th>
              <th scope="col">{t('diagnostics.colP95')}</th>
              <th scope="col">{t('devices.lastSeen')}</th>
              <th scope="col">{t('diagnostics.colOutbox')}</th>
              <th scope="col">{t('diagnostics.colVersion')}</th>
              <th scope="col">{t('diagnostics.colFlag')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <tr
                key={device.deviceId}
                data-device-id={device.deviceId}
                class={device.flagged ? 'flagged' : ''}
              >
                <th scope="row">
                  {names.get(device.deviceId) ?? device.deviceId}
                  {device.deviceId === ownId ? ` ${t('devices.thisDevice')}` : ''}
                </th>
                <td>{roleWord(device.role)}</td>
                <td>{ms(device.lastHour.p50)}</td>
                <td>{ms(device.lastHour.p95)}</td>
                <td>{formatAge(device.lastSeenAt, now)}</td>
                <td>{device.outboxDepth}</td>
                <td>{device.appVersion}</td>
                <td>
                  {device.flagged
                    ? t('diagnostics.flagSlow', { ms: FLAG_DISPLAY_P95_MS })
                    : t('diagnostics.flagOk')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
