// Simulated devices over plain HTTP (directly to the server, never through the fault proxy): create and
// change orders with idempotent retries, the way the contract says any client may resend. They authenticate
// with the owner token (a tool's credential, exempt from device_mismatch), under ids and codes of paired devices.
import { v7 as uuidv7 } from 'uuid';
import type { Order } from '../../../protocol/order.ts';
import { OWNER_AUTH, pairOverHttp } from '../helpers/pair-device.ts';

const RETRYABLE = new Set([408, 409, 425, 429, 500, 502, 503, 504]);

export interface DeviceCreateResult {
  order: Order;
  attempts: number;
}

/**
 * Creates one order as a device would: the id and key are fixed before the first attempt, and every
 * network error, 5xx, 408/409/429 is retried with the same key until a 2xx (or `giveUpAt`).
 */
export async function createWithRetries(
  origin: string,
  body: {
    id?: string;
    number: string;
    deviceId: string;
    customerName: string;
    items: { menuItemId: string; qty: number }[];
  },
  giveUpAt: number,
): Promise<DeviceCreateResult> {
  const id = body.id ?? uuidv7();
  const payload = JSON.stringify({ ...body, id, createdAt: new Date().toISOString() });
  let attempts = 0;
  let delay = 50;
  for (;;) {
    attempts += 1;
    let lastError: string;
    try {
      const res = await fetch(`${origin}/api/orders`, {
        method: 'POST',
        headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': id },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      if (res.ok) return { order: (await res.json()) as Order, attempts };
      const text = await res.text();
      if (!RETRYABLE.has(res.status)) throw new Error(`create ${id} → ${res.status} ${text}`);
      lastError = `${res.status} ${text}`;
    } catch (err) {
      if (err instanceof Error && err.message.startsWith(`create ${id} →`)) throw err;
      lastError = String(err);
    }
    if (Date.now() > giveUpAt)
      throw new Error(`create ${id} not acknowledged after ${attempts} attempts: ${lastError}`);
    // Jittered backoff so 20 devices do not hammer a restarting server in lock-step.
    await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
    delay = Math.min(delay * 2, 1000);
  }
}

export async function patchWithRetries(
  origin: string,
  orderId: string,
  body: { status?: string; paid?: true },
  giveUpAt: number,
): Promise<Order> {
  const key = uuidv7();
  let delay = 50;
  for (;;) {
    let lastError: string;
    try {
      const res = await fetch(`${origin}/api/orders/${orderId}`, {
        method: 'PATCH',
        headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.ok) return (await res.json()) as Order;
      const text = await res.text();
      if (!RETRYABLE.has(res.status)) throw new Error(`patch ${orderId} → ${res.status} ${text}`);
      lastError = `${res.status} ${text}`;
    } catch (err) {
      if (err instanceof Error && err.message.startsWith(`patch ${orderId} →`)) throw err;
      lastError = String(err);
    }
    if (Date.now() > giveUpAt) throw new Error(`patch ${orderId} not acknowledged: ${lastError}`);
    await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
    delay = Math.min(delay * 2, 1000);
  }
}

/** Pairs a counter device: its id and the short code its ticket numbers start with. */
export async function registerDevice(origin: string): Promise<{ deviceId: string; code: string }> {
  const { device } = await pairOverHttp(origin);
  return { deviceId: device.id, code: device.code };
}
