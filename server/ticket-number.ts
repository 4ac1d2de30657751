// A device's ticket numbers start with its own code (`B-017` from device B: DESIGN Part 2, principle 12), so
// one till cannot print another's numbers. Kept apart from the order routes: one check, one hook in judgeCreate.

import type { AuthenticatedDevice } from './auth/route-access.ts';

/** Why this order number is refused for `caller`, or null when it may use it (the admin token may use any). */
export function ticketNumberRefusal(
  number: string,
  caller: AuthenticatedDevice | null | undefined,
): string | null {
  if (!caller || caller.admin) return null;
  if (caller.code !== '' && number.startsWith(`${caller.code}-`)) return null;
  return `order numbers from this device start with ${caller.code === '' ? 'its own code' : `${caller.code}-`}`;
}
