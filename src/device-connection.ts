// Whether a paired device is reachable, in the owner's words: "Online", "Offline since 10:42 (35 min ago)",
// "Never connected". From GET /api/devices: `connected` (its live stream is open now) and `lastSeenAt` (its last
// request, written at most once a minute, so "recent" allows two minutes).
import type { DeviceListEntry } from '../protocol/pairing.ts';

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

function minutesAgo(iso: string, now: number): string {
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours} h ago` : `${Math.floor(hours / 24)} d ago`;
}

function clock(iso: string, now: number): string {
  const at = new Date(iso);
  const sameDay = new Date(now).toDateString() === at.toDateString();
  return sameDay
    ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

export function connectionText(
  device: Pick<DeviceListEntry, 'connected' | 'lastSeenAt' | 'revoked'>,
  now: number,
): string {
  const state = connectionState(device, now);
  switch (state) {
    case 'revoked':
      return 'Revoked';
    case 'online':
      return 'Online: receives orders live';
    case 'reachable':
      return `Online, but without live updates (last contact ${minutesAgo(device.lastSeenAt!, now)})`;
    case 'offline':
      return `Offline since ${clock(device.lastSeenAt!, now)} (${minutesAgo(device.lastSeenAt!, now)})`;
    case 'never':
      return 'Never connected';
  }
}
