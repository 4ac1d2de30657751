// How a stored device is shown over the API (protocol/pairing.ts shapes): no hashes, no internal fields.

import type { DeviceIdentity, DeviceListEntry } from '../../protocol/pairing.ts';
import type { DeviceRecord } from '../store/device-store.ts';

export function toIdentity(device: DeviceRecord): DeviceIdentity {
  return { id: device.id, name: device.name, role: device.role, code: device.code };
}

/** `connected`: the ids of the devices whose event stream is open now (the SSE hub knows). */
export function toListEntry(
  device: DeviceRecord,
  connected: ReadonlySet<string> = new Set(),
): DeviceListEntry {
  return {
    ...toIdentity(device),
    pairedAt: device.pairedAt,
    lastSeenAt: device.lastSeenAt,
    revoked: device.revokedAt !== null,
    connected: device.revokedAt === null && connected.has(device.id),
  };
}
