// This device's identity: a UUIDv7 made on first use and the short code its ticket numbers start with
// (provisional, derived from the id, until POST /api/devices assigns one; numbers must exist offline).

import type { DeviceMeta, WriteTx } from './db.ts';
import { getMeta, putMeta } from './db.ts';
import { isDeviceResponse } from './api-guards.ts';
import { exchange } from './api-client.ts';
import { classifyResponse } from './classify-response.ts';
import type { EngineContext } from './engine-context.ts';

/** Three letters from the id's random tail, so two offline devices rarely share a provisional code. */
export function provisionalCode(deviceId: string): string {
  const hex = deviceId.replace(/-/g, '').slice(-6);
  let code = '';
  for (let i = 0; i < 6; i += 2) code += String.fromCharCode(65 + (parseInt(hex.slice(i, i + 2), 16) % 26));
  return code;
}

/** A new device identity with its provisional code (the caller stores it). */
export function newDevice(newId: () => string): DeviceMeta {
  const deviceId = newId();
  return { deviceId, code: provisionalCode(deviceId), codeConfirmed: false };
}

export async function ensureDevice(tx: WriteTx, newId: () => string): Promise<DeviceMeta> {
  const known = await getMeta(tx, 'device');
  if (known) return known;
  const device = newDevice(newId);
  await putMeta(tx, 'device', device);
  return device;
}

export function formatOrderNumber(code: string, counter: number): string {
  return `${code}-${String(counter).padStart(3, '0')}`;
}

/**
 * Asks the server for this device's code once. Returns false when the server could not answer now; the
 * provisional code stays in use and the next flush pass asks again.
 */
export async function confirmDeviceCode(ctx: EngineContext): Promise<boolean> {
  const device = await ctx.writeQuiet((tx) => ensureDevice(tx, ctx.deps.newId));
  if (device.codeConfirmed) return true;
  const facts = await exchange(ctx.deps, {
    method: 'POST',
    path: '/api/devices',
    body: { deviceId: device.deviceId },
  });
  const result = classifyResponse(facts, isDeviceResponse);
  if (result.outcome !== 'done') return false;
  await ctx.writeQuiet(async (tx) => {
    const current = await ensureDevice(tx, ctx.deps.newId);
    await putMeta(tx, 'device', { ...current, code: result.value.code, codeConfirmed: true });
  });
  return true;
}
