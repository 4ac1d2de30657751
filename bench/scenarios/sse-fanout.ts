// Server: SSE fan-out latency. N Node clients hold GET /api/events; the bench creates an order and each
// client timestamps the event that carries it. Latency = receipt − the order's `updatedAt` (the server's
// clock at the write, ms precision, same machine), so it covers commit → publish → every socket.
import http from 'node:http';
import { newOrderBody, postOrder, registerDevice } from '../api-client.ts';
import { OWNER_AUTH } from '../../tests/e2e/helpers/pair-device.ts';
import type { PushEventData } from '../../protocol/api.ts';
import { summarize, type Summary } from '../stats.ts';
import { takeSseEvents } from '../../tests/unit/server/sse-client.ts';

export interface Client {
  request: http.ClientRequest;
  onOrder: (id: string, updatedAt: string) => void;
}

/** One device's `GET /api/events` stream (owner token) calling `onOrder` for every order it carries. */
export function openOrderStream(baseUrl: string, onOrder: Client['onOrder']): Promise<Client> {
  return new Promise((resolve, reject) => {
    // agent: false gives each client its own socket, as 200 separate devices would have.
    const request = http.get(`${baseUrl}/api/events`, { agent: false, headers: OWNER_AUTH }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`GET /api/events → HTTP ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        const parsed = takeSseEvents(buffer + chunk);
        buffer = parsed.rest;
        for (const event of parsed.events) {
          if (event.event !== 'orders') continue;
          const payload = JSON.parse(event.data) as PushEventData;
          for (const order of payload.orders) onOrder(order.id, order.updatedAt);
        }
      });
      resolve({ request, onOrder });
    });
    request.on('error', reject);
  });
}

export async function measureSseFanout(
  baseUrl: string,
  menuItemId: string,
  clients: number,
  publishes: number,
): Promise<Summary> {
  const samples: number[] = [];
  const waiting = new Map<string, { remaining: number; done: () => void }>();
  const onOrder = (id: string, updatedAt: string) => {
    const entry = waiting.get(id);
    if (entry === undefined) return;
    samples.push(Date.now() - Date.parse(updatedAt));
    entry.remaining -= 1;
    if (entry.remaining === 0) entry.done();
  };
  const connected: Client[] = [];
  try {
    for (let i = 0; i < clients; i++) connected.push(await openOrderStream(baseUrl, onOrder));
    const device = await registerDevice(baseUrl);
    for (let i = 0; i < publishes; i++) {
      const body = newOrderBody(device, menuItemId, `fanout-${i}`);
      const received = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`order ${body.id} did not reach every SSE client in 10 s`)),
          10_000,
        );
        waiting.set(body.id, {
          remaining: clients,
          done: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
      await postOrder(baseUrl, body);
      await received;
      waiting.delete(body.id);
    }
  } finally {
    for (const client of connected) client.request.destroy();
  }
  return summarize(samples);
}
