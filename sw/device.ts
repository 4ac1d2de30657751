// This device's identity comes from its pairing (DESIGN.md Part 2, principle 12): GET /api/me names its id,
// role and the code its ticket numbers start with. A 401 anywhere means signed out, never a failed order.

import type { AuthState, DeviceIdentity } from '../protocol/messages.ts';
import { unreachable } from '../protocol/unreachable.ts';
import { exchange } from './api-client.ts';
import { isDeviceIdentity } from './api-guards.ts';
import { readSyncMeta } from './broadcast.ts';
import { classifyResponse } from './classify-response.ts';
import type { AnyTx, SyncMeta } from './db.ts';
import type { EngineContext } from './engine-context.ts';

export function formatOrderNumber(code: string, counter: number): string {
  return `${code}-${String(counter).padStart(3, '0')}`;
}

/** What a 401 makes of this device: signed out if it was ever paired (its identity is kept), else unpaired. */
export function authAfterRejection(device: DeviceIdentity | null): AuthState {
  return device === null ? 'unpaired' : 'signed-out';
}

/** The sync patch for a 401 answer, read inside the transaction that records it. */
export async function signedOutPatch(tx: AnyTx): Promise<Partial<SyncMeta>> {
  const { device } = await readSyncMeta(tx);
  return { auth: authAfterRejection(device) };
}

/** The identity answered by the server, or `null` when it could not say now (offline, 5xx, not our API). */
export type IdentityCheck = { auth: 'paired'; device: DeviceIdentity } | { auth: 'rejected' } | null;

/**
 * Asks the server who this device is (GET /api/me) and records the answer: paired with that identity, or
 * signed out/unpaired on a 401. Anything else leaves the stored state as it was (an offline start keeps a
 * paired device paired, so it keeps taking orders).
 */
export async function refreshIdentity(ctx: EngineContext): Promise<IdentityCheck> {
  const result = classifyResponse(
    await exchange(ctx.deps, { method: 'GET', path: '/api/me' }),
    isDeviceIdentity,
  );
  const at = new Date(ctx.deps.now()).toISOString();
  switch (result.outcome) {
    case 'done': {
      const device = result.value;
      await ctx.write(async () => ({
        result: null,
        sync: { auth: 'paired', device, online: true, lastSyncAt: at },
      }));
      return { auth: 'paired', device };
    }
    case 'signed-out':
      await ctx.write(async (tx) => ({
        result: null,
        sync: { ...(await signedOutPatch(tx)), online: true, lastSyncAt: at },
      }));
      return { auth: 'rejected' };
    case 'retry':
      if (!result.serverReached) await ctx.write(async () => ({ result: null, sync: { online: false } }));
      return null;
    case 'dead':
      return null;
    default:
      return unreachable(result);
  }
}
