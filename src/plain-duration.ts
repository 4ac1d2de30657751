// Durations in words for people, not statisticians: "under a minute", "4 min", "1 h 5 min". The Report and
// Diagnostics say "half of the orders were ready within …" instead of "p50".
import { t } from './i18n.ts';

/** Seconds → "under a minute" / "N min" (rounded) / "N h M min"; null (nothing measured) → "not measured yet". */
export function plainDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'not measured yet';
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/** Milliseconds on screen → "instant" (≤ 100 ms, the display budget), else "N ms" or "N.N s" (Diagnostics). */
export function plainDelay(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return t('diagnostics.notMeasured');
  if (ms <= 100) return t('diagnostics.instant', { ms: Math.round(ms) });
  if (ms < 1000) return t('diagnostics.ms', { ms: Math.round(ms) });
  return t('diagnostics.seconds', { s: (ms / 1000).toFixed(1) });
}
