// The SSE hub behind GET /api/events: replays what a client missed from the changes feed, then
// streams every committed change live. It subscribes BEFORE replaying and dedupes by seq, so nothing
// committed between the replay and the live stream is lost or sent twice.

import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger } from 'fastify';
import { API_HEADER, API_HEADER_VALUE, CHANGES_DEFAULT_LIMIT, type PushEventData } from '../protocol/api.ts';
import type { Order } from '../protocol/order.ts';
import type { Metrics } from './metrics.ts';
import type { OrderStore } from './store/order-store.ts';

/** A client this far behind on reading is dropped; it reconnects with Last-Event-ID and catches up. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

interface StreamClient {
  raw: ServerResponse;
  /** Highest seq sent to this client; live batches are filtered against it. */
  cursor: number;
  /** While replaying, live batches wait here (null once live). */
  pending: Order[][] | null;
  closed: boolean;
  /** The device whose credential opened the stream (revocation closes it). */
  deviceId: string;
}

export interface OpenStreamOptions {
  /** null means live only. */
  since: number | null;
  /** Headers already set on the reply (API header, CORS, security headers) to send with the stream's head. */
  headers: Record<string, string>;
  deviceId: string;
}

export interface SseHub {
  /** Takes over `raw` as an event stream. */
  open(raw: ServerResponse, options: OpenStreamOptions): Promise<void>;
  readonly clientCount: number;
  /** Ends every stream of this device (its credential was revoked); returns how many were open. */
  closeDevice(deviceId: string): number;
  /** Devices with at least one open stream. */
  deviceIds(): string[];
  /** Ends every stream (graceful shutdown). */
  close(): void;
}

export interface SseHubOptions {
  store: OrderStore;
  metrics: Metrics;
  log: FastifyBaseLogger;
  heartbeatMs: number;
}

function formatOrdersEvent(data: PushEventData): string {
  return `id: ${data.cursor}\nevent: orders\ndata: ${JSON.stringify(data)}\n\n`;
}

const HEARTBEAT_EVENT = 'event: heartbeat\ndata: {}\n\n';

function waitForDrain(raw: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.on('drain', done);
    raw.on('close', done);
  });
}

export function createSseHub({ store, metrics, log, heartbeatMs }: SseHubOptions): SseHub {
  const clients = new Set<StreamClient>();

  function write(client: StreamClient, chunk: string): void {
    if (client.closed) return;
    client.raw.write(chunk);
    if (client.raw.writableLength > MAX_BUFFERED_BYTES) {
      log.warn({ buffered: client.raw.writableLength }, 'dropping an SSE client that stopped reading');
      client.raw.destroy();
    }
  }

  function send(client: StreamClient, orders: readonly Order[]): void {
    const fresh = orders.filter((order) => order.seq > client.cursor);
    if (fresh.length === 0) return;
    const cursor = Math.max(...fresh.map((order) => order.seq));
    client.cursor = cursor;
    write(client, formatOrdersEvent({ cursor, orders: fresh }));
  }

  const unsubscribe = store.subscribe((batch) => {
    for (const client of clients) {
      if (client.pending) client.pending.push(batch.orders);
      else send(client, batch.orders);
    }
    metrics.pushFanoutSeconds.observe((performance.now() - batch.committedAt) / 1000);
  });

  const heartbeat = setInterval(() => {
    for (const client of clients) write(client, HEARTBEAT_EVENT);
  }, heartbeatMs);
  // The heartbeat alone must not keep the process alive.
  heartbeat.unref();

  function remove(client: StreamClient): void {
    if (client.closed) return;
    client.closed = true;
    clients.delete(client);
    metrics.sseClients.set(clients.size);
  }

  async function replay(client: StreamClient): Promise<void> {
    for (;;) {
      const page = await store.changes(client.cursor, CHANGES_DEFAULT_LIMIT);
      if (client.closed) return;
      if (page.reset) {
        // The client's cursor is from another database: hand it the full active set and our cursor.
        client.cursor = page.cursor;
        write(client, formatOrdersEvent({ cursor: page.cursor, orders: page.orders }));
        return;
      }
      send(client, page.orders);
      if (!page.more) return;
      // A long replay goes at the client's pace instead of tripping the slow-reader limit.
      if (client.raw.writableNeedDrain) await waitForDrain(client.raw);
    }
  }

  return {
    async open(raw, { since, headers, deviceId }) {
      raw.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Proxies such as nginx must pass events through at once.
        'x-accel-buffering': 'no',
        [API_HEADER]: API_HEADER_VALUE,
      });
      raw.write('retry: 1000\n\n');
      const client: StreamClient = {
        raw,
        cursor: since ?? 0,
        pending: since === null ? null : [],
        closed: false,
        deviceId,
      };
      raw.on('close', () => remove(client));
      raw.on('error', (error) => {
        log.warn({ err: error }, 'SSE stream failed; the client will reconnect');
        remove(client);
      });
      clients.add(client);
      metrics.sseClients.set(clients.size);
      if (since === null) return;
      try {
        await replay(client);
      } catch (error) {
        // The client reconnects with its Last-Event-ID and gets another replay; nothing is lost.
        log.error({ err: error }, 'SSE replay failed; closing the stream');
        raw.destroy();
        return;
      }
      const pending = client.pending ?? [];
      client.pending = null;
      for (const orders of pending) send(client, orders);
    },
    get clientCount() {
      return clients.size;
    },
    closeDevice(deviceId) {
      let closed = 0;
      for (const client of [...clients]) {
        if (client.deviceId !== deviceId) continue;
        remove(client);
        // destroy, not end: a revoked device must not get the rest of a replay that is being written.
        client.raw.destroy();
        closed += 1;
      }
      return closed;
    },
    deviceIds() {
      return [...new Set([...clients].map((client) => client.deviceId))];
    },
    close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const client of [...clients]) {
        remove(client);
        client.raw.end();
      }
    },
  };
}
