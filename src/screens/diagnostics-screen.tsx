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
  if (!iso) return t('devices.never');
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 90) return t('diagnostics.sAgo', { n: seconds });
  return t('devices.minAgo', { n: Math.round(seconds / 60) });
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
  if (p95 !== null && p95 > SLOW_DISPLAY_MS) warnings.push(t('diagnostics.slow', { ms: p95.toFixed(0) }));
  if (oldestMs !== null && oldestMs > STUCK_WAITING_MS)
    warnings.push(t('diagnostics.stuck', { minutes: Math.round(oldestMs / 60_000) || 1 }));
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
        {error ? <p class="error">{t('diagnostics.workerFailed', { error })}</p> : null}
        <dl class="device-facts">
          <dt>{t('diagnostics.showing')}</dt>
          <dd>
            {p50 === null
              ? t('diagnostics.notMeasured')
              : t('diagnostics.usually', { p50: plainDelay(p50), p95: plainDelay(p95) })}
          </dd>
          <dt>{t('diagnostics.waiting')}</dt>
          <dd>
            {diag === null
              ? '…'
              : waiting === 0
                ? t('diagnostics.nothingWaiting')
                : oldestMs === null
                  ? t('diagnostics.changes', { count: waiting })
                  : t('diagnostics.changesOldest', {
                      count: waiting,
                      minutes: Math.max(1, Math.round(oldestMs / 60_000)),
                    })}
          </dd>
          <dt>{t('diagnostics.live')}</dt>
          <dd>
            {diag === null ? '…' : diag.pushConnected ? t('diagnostics.liveOn') : t('diagnostics.liveOff')}
          </dd>
          <dt>{t('diagnostics.lastContact')}</dt>
          <dd>{diag ? ago(diag.lastSyncAt, now) : '…'}</dd>
        </dl>
        <details class="technical">
          <summary>{t('diagnostics.technical')}</summary>
          <dl>
            <dt>{t('diagnostics.displayTime')}</dt>
            <dd>
              {ms(p50)} / {ms(p95)}{' '}
              <span class="muted">{t('diagnostics.samples', { count: timing.count })}</span>
            </dd>
            <dt>{t('diagnostics.cacheHits')}</dt>
            <dd>{hitRatio}</dd>
            <dt>{t('diagnostics.outboxDepth')}</dt>
            <dd>{diag ? diag.outboxDepth : '—'}</dd>
            <dt>{t('diagnostics.oldestWaiting')}</dt>
            <dd>
              {oldestMs === null
                ? t('diagnostics.nothingWaitingShort')
                : t('diagnostics.sShort', { n: Math.round(oldestMs / 1000) })}
            </dd>
            <dt>{t('diagnostics.pushConnected')}</dt>
            <dd>{diag ? (diag.pushConnected ? t('diagnostics.yes') : t('diagnostics.no')) : '—'}</dd>
            <dt>{t('diagnostics.pulls')}</dt>
            <dd>{diag ? diag.pullsLastMinute : '—'}</dd>
            <dt>{t('diagnostics.recovery')}</dt>
            <dd>
              {diag && diag.recoveryTimesMs.length > 0
                ? diag.recoveryTimesMs
                    .slice(-5)
                    .map((time) => `${Math.round(time)} ms`)
                    .join(', ')
                : t('diagnostics.noneYet')}
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
