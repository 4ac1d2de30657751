// First start: with no owner device and no ORDERLINE_ADMIN_TOKEN nobody could pair anything, so each
// start makes a one-time owner pairing code (1 hour) and returns the address to print. Printing this
// one code is deliberate: the person at the server's console is who the owner code is for.

import { formatPairingCode } from '../protocol/pairing.ts';
import type { DeviceStore } from './store/device-store.ts';

export const OWNER_CODE_TTL_MS = 60 * 60 * 1000;

export interface OwnerPairingOffer {
  pairUrl: string;
  expiresAt: string;
}

/** The owner pairing address, or null when an owner device exists or the admin token is set. */
export async function offerOwnerPairing(
  devices: DeviceStore,
  { adminToken, baseUrl }: { adminToken: string | undefined; baseUrl: string },
): Promise<OwnerPairingOffer | null> {
  if (adminToken !== undefined || (await devices.ownerExists())) return null;
  const { code, expiresAt } = await devices.createPairingCode({
    role: 'owner',
    ttlMs: OWNER_CODE_TTL_MS,
    // Dead once any owner is paired: an earlier start's code in an old log must not add a second owner.
    bootstrap: true,
  });
  return { pairUrl: `${baseUrl}/pair?code=${formatPairingCode(code)}`, expiresAt };
}
