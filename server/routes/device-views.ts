// How a stored device is shown over the API (protocol/pairing.ts shapes): no hashes, no internal fields.

import type { DeviceIdentity, DeviceListEntry } from '../../protocol/pairing.ts';
import type { DeviceRecord } from '../store/device-store.ts';

export function toIdentity(device: DeviceRecord): DeviceIdentity {
  return { id: device.id, name: device.name, role: device.role, code: device.code };
}

export function toListEntry(device: DeviceRecord): DeviceListEntry {
  return {
    ...toIdentity(device),
    pairedAt: device.pairedAt,
    lastSeenAt: device.lastSeenAt,
    revoked: device.revokedAt !== null,
  };
}
