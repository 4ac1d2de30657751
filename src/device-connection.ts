// Whether a paired device is reachable, in the owner's words: "Online", "Offline since 10:42 (35 min ago)",
// "Never connected". From GET /api/devices: `connected` (its live stream is open now) and `lastSeenAt` (its last
// request, written at most once a minute, so "recent" allows two minutes).
import type { DeviceListEntry } from '../protocol/pairing.ts';
import { intlLocale, t } from './i18n.ts';

const RECENT_MS = 2 * 60_000;

export type ConnectionState = 'online' | 'reachable' | 'offline' | 'never' | 'revoked';

export function connectionState(
  device: Pick<DeviceListEntry, 'connected' | 'lastSeenAt' | 'revoked'>,
  now: number,
): ConnectionState {
  if (device.revoked) return 'revoked';
  if (device.connected) return 'online';
  if (device.lastSeenAt === null) return 'never';
  return now - Date.parse(device.lastSeenAt) <= RECENT_MS ? 'reachable' : 'offline';
}

/** "just now", "35 min ago", "3 h ago", "2 d ago" in the active language (also the Devices list's "Last seen"). */
export function minutesAgo(iso: string, now: number): string {
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return t('devices.justNow');
  if (minutes < 60) return t('devices.minAgo', { n: minutes });
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? t('devices.hAgo', { n: hours }) : t('devices.dAgo', { n: Math.floor(hours / 24) });
}

function clock(iso: string, now: number): string {
  const at = new Date(iso);
  const sameDay = new Date(now).toDateString() === at.toDateString();
  return sameDay
    ? at.toLocaleTimeString(intlLocale(), { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' });
}

export function connectionText(
  device: Pick<DeviceListEntry, 'connected' | 'lastSeenAt' | 'revoked'>,
  now: number,
): string {
  const state = connectionState(device, now);
  switch (state) {
    case 'revoked':
      return t('devices.revoked');
    case 'online':
      return t('devices.online');
    case 'reachable':
      return t('devices.reachable', { ago: minutesAgo(device.lastSeenAt!, now) });
    case 'offline':
      return t('devices.offlineSince', {
        time: clock(device.lastSeenAt!, now),
        ago: minutesAgo(device.lastSeenAt!, now),
      });
    case 'never':
      return t('devices.neverConnected');
  }
}
