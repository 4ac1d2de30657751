// The SSE hub behind GET /api/events: replays what a client missed from the changes feed, then
// streams every committed change live. It subscribes BEFORE replaying and dedupes by seq, so nothing
// committed between the replay and the live stream is lost or sent twice. Streams are capped per
// device and per server (a new one beyond a cap is refused with 429), each batch is serialised once
// for all streams, and a reader that falls too far behind is dropped to reconnect with Last-Event-ID.

import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger } from 'fastify';
import { API_HEADER, API_HEADER_VALUE, CHANGES_DEFAULT_LIMIT } from '../protocol/api.ts';
import type { Role } from '../protocol/roles.ts';
import { errorBody } from './api-error.ts';
import { ordersForRole } from './display-view.ts';
import type { ServerLimits } from './limits.ts';
import type { Metrics } from './metrics.ts';
import type { ShopSettings } from '../protocol/settings.ts';
import {
  HEARTBEAT_EVENT,
  LiveBatch,
  menuEvent,
  ordersEvent,
  resetEvent,
  settingsEvent,
  type SseEvent,
} from './sse-event.ts';
import type { OrderStore } from './store/order-store.ts';

interface StreamClient {
  raw: ServerResponse;
  deviceId: string;
  /** A display gets the board's view of each order (server/display-view.ts). */
  role?: Role;
  /** Highest seq sent to this client; live batches are filtered against it. */
  cursor: number;
  /** While replaying, live batches wait here (null once live). */
  pending: LiveBatch[] | null;
  /** Sizes of events written but not yet flushed to the socket, oldest first. */
  unflushed: number[];
  unflushedBytes: number;
  closed: boolean;
}

export interface OpenStreamOptions {
  /** The client's cursor; null means live only. */
  since: number | null;
  /** Headers the route already set (the API header, rate-limit headers). */
  headers: Record<string, string>;
  /** The device whose credential opened the stream: its stream cap, and revocation closes it. */
  deviceId: string;
  /** Its role: a display's orders are cut to what the board shows. */
  role?: Role;
}

export interface SseHub {
  /** Takes over `raw` as an event stream, or answers 429 too_many_streams when a cap is reached. */
  open(raw: ServerResponse, options: OpenStreamOptions): Promise<void>;
  /** Pushes `event: menu` to every stream (a new menu version was published). */
  publishMenu(version: number): void;
  /** Pushes `event: settings` to every stream (the owner saved the shop's settings). */
  publishSettings(settings: ShopSettings): void;
  /** Pushes an event serialised elsewhere (`event: printers`, server/printing/) to every stream. */
  broadcast(bytes: Buffer): void;
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
  limits: Pick<ServerLimits, 'maxStreams' | 'maxStreamsPerDevice' | 'slowReaderBytes'>;
  /** The current menu version, sent after a replay so a reconnecting client learns of an edit it missed. */
  menuVersion?: () => Promise<number>;
  /** The current settings, sent after a replay so a reconnecting client learns of a change it missed. */
  settings?: () => Promise<ShopSettings>;
  /** Further events a (re)connecting client gets after the replay (the printers' state). */
  greeting?: () => Promise<Buffer[]>;
}

/** Seconds a refused client is asked to wait; EventSource clients reconnect with their own backoff. */
const REFUSED_RETRY_AFTER_S = 5;

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

export function createSseHub({
  store,
  metrics,
  log,
  heartbeatMs,
  limits,
  menuVersion,
  settings,
  greeting,
}: SseHubOptions): SseHub {
  const clients = new Set<StreamClient>();
  const perDevice = new Map<string, number>();

  function write(client: StreamClient, event: SseEvent): void {
    if (client.closed) return;
    const size = event.bytes.length;
    client.unflushed.push(size);
    client.unflushedBytes += size;
    client.raw.write(event.bytes, () => {
      client.unflushedBytes -= client.unflushed.shift() ?? 0;
    });
    // The oldest unflushed event is the one being written: however large (a replay page), it never
    // counts against the reader. Everything queued behind it does.
    const beyond = client.unflushedBytes - (client.unflushed[0] ?? 0);
    if (beyond > limits.slowReaderBytes) {
      log.warn({ queued: client.unflushedBytes }, 'dropping an SSE client that stopped reading');
      metrics.sseStreamsDropped.inc({ reason: 'slow_reader' });
      client.raw.destroy();
    }
  }

  function sendLive(client: StreamClient, batch: LiveBatch): void {
    const next = batch.eventFor(client.cursor, client.role);
    if (!next) return;
    client.cursor = next.cursor;
    write(client, next.event);
  }

  const unsubscribe = store.subscribe((committed) => {
    const batch = new LiveBatch(committed.orders);
    for (const client of clients) {
      if (client.pending) client.pending.push(batch);
      else sendLive(client, batch);
    }
    metrics.pushFanoutSeconds.observe((performance.now() - committed.committedAt) / 1000);
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
    const left = (perDevice.get(client.deviceId) ?? 1) - 1;
    if (left > 0) perDevice.set(client.deviceId, left);
    else perDevice.delete(client.deviceId);
    metrics.sseClients.set(clients.size);
  }

  async function replay(client: StreamClient): Promise<void> {
    for (;;) {
      const page = await store.changes(client.cursor, CHANGES_DEFAULT_LIMIT);
      if (client.closed) return;
      if (page.reset) {
        // An `orders` event is always a continuation; a snapshot is the client's to pull in pages (DESIGN Part 3).
        client.cursor = page.cursor;
        write(client, resetEvent(page.cursor));
        return;
      }
      const fresh = page.orders.filter((order) => order.seq > client.cursor);
      if (fresh.length > 0) {
        client.cursor = Math.max(...fresh.map((order) => order.seq));
        write(client, ordersEvent({ cursor: client.cursor, orders: ordersForRole(fresh, client.role) }));
      }
      if (!page.more) return;
      // A long replay goes at the client's pace instead of tripping the slow-reader limit.
      if (client.raw.writableNeedDrain) await waitForDrain(client.raw);
    }
  }

  function refuse(raw: ServerResponse, headers: Record<string, string>, scope: 'device' | 'server'): void {
    metrics.sseStreamsRefused.inc({ scope });
    const limit = scope === 'device' ? limits.maxStreamsPerDevice : limits.maxStreams;
    const message =
      scope === 'device'
        ? `this device already has ${limit} open event streams; close one first`
        : `the server already has ${limit} open event streams; retry later`;
    raw.writeHead(429, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(REFUSED_RETRY_AFTER_S),
      [API_HEADER]: API_HEADER_VALUE,
    });
    raw.end(JSON.stringify(errorBody('too_many_streams', message)));
  }

  return {
    async open(raw, { since, headers, deviceId, role }) {
      const ofDevice = perDevice.get(deviceId) ?? 0;
      if (ofDevice >= limits.maxStreamsPerDevice) return refuse(raw, headers, 'device');
      if (clients.size >= limits.maxStreams) return refuse(raw, headers, 'server');
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
        deviceId,
        role,
        cursor: since ?? 0,
        pending: since === null ? null : [],
        unflushed: [],
        unflushedBytes: 0,
        closed: false,
      };
      raw.on('close', () => remove(client));
      raw.on('error', (error) => {
        log.warn({ err: error }, 'SSE stream failed; the client will reconnect');
        remove(client);
      });
      clients.add(client);
      perDevice.set(deviceId, ofDevice + 1);
      metrics.sseClients.set(clients.size);
      if (since === null) return;
      try {
        await replay(client);
      } catch (error) {
        // The client reconnects with its Last-Event-ID and gets another replay; nothing is lost. end(), not
        // destroy(): the 200, `retry: 1000` and any whole replay page already written still reach the client
        // (destroying now can cut even the headers, which a client sees as a failed request, not a stream).
        log.error({ err: error }, 'SSE replay failed; ending the stream so the client reconnects');
        metrics.sseStreamsDropped.inc({ reason: 'replay_failed' });
        remove(client);
        raw.end();
        return;
      }
      const pending = client.pending ?? [];
      client.pending = null;
      for (const batch of pending) sendLive(client, batch);
      if (menuVersion) {
        try {
          write(client, menuEvent(await menuVersion()));
        } catch (error) {
          log.error({ err: error }, 'could not read the menu version for a reconnecting stream');
        }
      }
      if (settings) {
        try {
          write(client, settingsEvent(await settings()));
        } catch (error) {
          log.error({ err: error }, 'could not read the settings for a reconnecting stream');
        }
      }
      if (greeting) {
        try {
          for (const bytes of await greeting()) write(client, { bytes });
        } catch (error) {
          log.error({ err: error }, 'could not read the greeting events for a reconnecting stream');
        }
      }
    },
    publishMenu(version) {
      // Serialised once for every stream, like an orders batch.
      const event = menuEvent(version);
      for (const client of clients) write(client, event);
    },
    publishSettings(value) {
      const event = settingsEvent(value);
      for (const client of clients) write(client, event);
    },
    broadcast(bytes) {
      for (const client of clients) write(client, { bytes });
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
