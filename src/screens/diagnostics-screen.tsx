// The Diagnostics screen (`/diagnostics`, a lazy chunk): this device in plain words (how fast orders show, what
// waits to be sent, live updates), the measured numbers under "Technical details", refreshed every 2 s; for the
// owner, every device online or offline since when, and the display speed per device.
import { useEffect, useState } from 'preact/hooks';
import type { Diagnostics } from '../../protocol/messages.ts';
import { errorMessage } from '../sw-bridge.ts';
import { useSubscription } from '../use-subscription.ts';
import { plainDelay } from '../plain-duration.ts';
import { DeviceStatusList } from './device-status-list.tsx';
import { FleetTable } from './fleet-table.tsx';
import type { ScreenProps } from './screen-props.ts';
import { LanguagePicker } from '../components/language-picker.tsx';
import { t } from '../i18n.ts';

const REFRESH_MS = 2_000;
const SLOW_DISPLAY_MS = 100;
const STUCK_WAITING_MS = 60_000;

function ms(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)} ms`;
}

function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  return `${Math.round(seconds / 60)} min ago`;
}

export default function DiagnosticsScreen({ bridge, timing, store }: ScreenProps) {
  useSubscription(store, () => store.sync?.device?.role ?? null);
  const identity = store.sync?.device ?? null;
  const [diag, setDiag] = useState<Diagnostics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let live = true;
    const refresh = () => {
      bridge.request({ v: 1, type: 'diagnostics' }).then(
        (value) => {
          if (!live) return;
          setDiag(value);
          setError(null);
          setNow(Date.now());
        },
        (reason: unknown) => live && setError(errorMessage(reason)),
      );
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [bridge]);

  const p50 = timing.percentile(50);
  const p95 = timing.percentile(95);
  const lookups = diag ? diag.cacheHits + diag.cacheMisses : 0;
  const hitRatio = diag && lookups > 0 ? `${((diag.cacheHits / lookups) * 100).toFixed(1)} %` : '—';
  const oldestMs = diag?.oldestWaitingAt ? now - Date.parse(diag.oldestWaitingAt) : null;
  const warnings: string[] = [];
  if (p95 !== null && p95 > SLOW_DISPLAY_MS)
    warnings.push(
      `Orders are slow to show on this device: 1 in 20 takes ${p95.toFixed(0)} ms (the aim is 100 ms).`,
    );
  if (oldestMs !== null && oldestMs > STUCK_WAITING_MS)
    warnings.push(
      `A change has waited ${Math.round(oldestMs / 60_000) || 1} min to reach the server: check the Wi-Fi and that the server runs.`,
    );
  const waiting = diag?.outboxDepth ?? 0;

  return (
    <main class="screen">
      <section class="panel diagnostics" id="diagnostics" aria-labelledby="diagnostics-heading">
        <h2 id="diagnostics-heading">{t('screen.diagnostics')}</h2>
        <LanguagePicker />
        <p class="muted">{t('diag.intro')}</p>
        {warnings.map((warning) => (
          <p class="warning" key={warning}>
            ⚠ {warning}
          </p>
        ))}
        {error ? <p class="error">Could not read the worker's counters: {error}</p> : null}
        <dl class="device-facts">
          <dt>Showing orders</dt>
          <dd>
            {p50 === null
              ? 'not measured yet'
              : `${plainDelay(p50)} usually; the slowest 1 in 20: ${plainDelay(p95)}`}
          </dd>
          <dt>Waiting to be sent</dt>
          <dd>
            {diag === null
              ? '…'
              : waiting === 0
                ? 'nothing: every change reached the server'
                : `${waiting} ${waiting === 1 ? 'change' : 'changes'}${oldestMs === null ? '' : `, the oldest for ${Math.max(1, Math.round(oldestMs / 60_000))} min`}`}
          </dd>
          <dt>Live updates</dt>
          <dd>
            {diag === null
              ? '…'
              : diag.pushConnected
                ? 'connected: orders from other devices show at once'
                : 'not connected: this device asks the server every few seconds instead'}
          </dd>
          <dt>Last contact with the server</dt>
          <dd>{diag ? ago(diag.lastSyncAt, now) : '…'}</dd>
        </dl>
        <details class="technical">
          <summary>Technical details</summary>
          <dl>
            <dt>Display time p50 / p95</dt>
            <dd>
              {ms(p50)} / {ms(p95)} <span class="muted">({timing.count} samples)</span>
            </dd>
            <dt>Cache hit ratio</dt>
            <dd>{hitRatio}</dd>
            <dt>Outbox depth</dt>
            <dd>{diag ? diag.outboxDepth : '—'}</dd>
            <dt>Oldest waiting</dt>
            <dd>{oldestMs === null ? 'nothing waiting' : `${Math.round(oldestMs / 1000)} s`}</dd>
            <dt>Push connected</dt>
            <dd>{diag ? (diag.pushConnected ? 'Yes' : 'No') : '—'}</dd>
            <dt>Pulls per minute</dt>
            <dd>{diag ? diag.pullsLastMinute : '—'}</dd>
            <dt>Recovery times</dt>
            <dd>
              {diag && diag.recoveryTimesMs.length > 0
                ? diag.recoveryTimesMs
                    .slice(-5)
                    .map((t) => `${Math.round(t)} ms`)
                    .join(', ')
                : 'none yet'}
            </dd>
          </dl>
        </details>
      </section>
      {identity?.role === 'owner' ? (
        <>
          <DeviceStatusList ownId={identity.id} />
          <FleetTable ownId={identity.id} />
        </>
      ) : null}
    </main>
  );
}
