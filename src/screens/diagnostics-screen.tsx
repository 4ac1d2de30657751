// The Diagnostics screen (`/diagnostics`, a lazy chunk): display times measured in this tab plus the SW's sync counters, refreshed
// every 2 s while open, with a visible warning when the app is slower or further behind than it should be.
import { useEffect, useState } from 'preact/hooks';
import type { Diagnostics } from '../../protocol/messages.ts';
import { errorMessage } from '../sw-bridge.ts';
import { useSubscription } from '../use-subscription.ts';
import { FleetTable } from './fleet-table.tsx';
import type { ScreenProps } from './screen-props.ts';

const REFRESH_MS = 2_000;
const SLOW_DISPLAY_MS = 100;
const STUCK_WAITING_MS = 60_000;

function ms(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)} ms`;
}

function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return `${seconds} s ago`;
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
    warnings.push(`Display p95 is ${p95.toFixed(0)} ms (over 100 ms).`);
  if (oldestMs !== null && oldestMs > STUCK_WAITING_MS)
    warnings.push(`An order has waited ${Math.round(oldestMs / 1000)} s to sync (over 60 s).`);

  return (
    <main class="screen">
      <section class="panel diagnostics" id="diagnostics" aria-labelledby="diagnostics-heading">
        <h2 id="diagnostics-heading">Diagnostics</h2>
        {warnings.map((warning) => (
          <p class="warning" key={warning}>
            ⚠ {warning}
          </p>
        ))}
        {error ? <p class="error">Could not read the worker's counters: {error}</p> : null}
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
          <dt>Last sync</dt>
          <dd>{diag ? ago(diag.lastSyncAt, now) : '—'}</dd>
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
      </section>
      {identity?.role === 'owner' ? <FleetTable ownId={identity.id} /> : null}
    </main>
  );
}
