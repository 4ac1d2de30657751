/// <reference lib="webworker" />
// The service worker entry: only wires browser events to the modules (offline shell, menu cache, active list
// fallback, the sync engine). No state lives here; everything that matters is in IndexedDB.

import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { StaleWhileRevalidate } from 'workbox-strategies';
import { v7 as uuidv7 } from 'uuid';
import { BROADCAST_CHANNEL, isPageRequest, isSkipWaiting } from '../protocol/messages.ts';
import { activeOrdersNetworkFirst, isActiveOrdersRequest } from './active-orders-route.ts';
import { backgroundSyncRegistrar, isSyncEvent, OUTBOX_SYNC_TAG } from './background-sync.ts';
import { DB_NAME, openOrderlineDb } from './db.ts';
import { createSyncEngine } from './sync-engine.ts';

declare const self: ServiceWorkerGlobalScope;

const origin = self.location.origin;
const channel = new BroadcastChannel(BROADCAST_CHANNEL);

const reportError = (error: unknown): void => console.error('[orderline sw]', error);

const engine = createSyncEngine({
  openDb: (onClosed) => openOrderlineDb(DB_NAME, onClosed),
  fetch: (input, init) => fetch(input, init),
  baseUrl: origin,
  now: () => Date.now(),
  random: () => Math.random(),
  newId: () => uuidv7(),
  broadcast: (message) => channel.postMessage(message),
  timers: {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
  registerBackgroundSync: backgroundSyncRegistrar(self.registration, () => self.navigator.onLine),
  reportError,
});

// ---- offline shell ----
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//, /^\/healthz/, /^\/metrics/],
  }),
);
// The menu changes rarely; the page must be able to take orders offline.
registerRoute(
  ({ url, request }) => request.method === 'GET' && url.origin === origin && url.pathname === '/api/menu',
  new StaleWhileRevalidate({ cacheName: 'orderline-menu' }),
);
registerRoute(
  ({ url, request }) => isActiveOrdersRequest(url, request, origin),
  ({ request }) => activeOrdersNetworkFirst(request, engine, fetch),
);
// Every other request passes through untouched (no route matches it).

// ---- lifecycle ----
self.addEventListener('activate', (event) => {
  // Take over open tabs at once. Activation must not wait for the network (navigations queue behind it), so
  // the engine starts beside it: the new version keeps flushing the outbox the old one left in IndexedDB.
  event.waitUntil(self.clients.claim());
  engine.start().catch(reportError);
});

// Every restart of an active worker (the browser stops idle ones) catches up and resumes the outbox. A new
// version still installing must not: the active one owns the outbox until this one activates.
if (self.serviceWorker.state === 'activated') engine.start().catch(reportError);

// ---- page messages ----
self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (isSkipWaiting(data)) {
    event.waitUntil(self.skipWaiting());
    return;
  }
  if (!isPageRequest(data)) return; // unknown messages are ignored, never thrown on
  const port = event.ports[0];
  event.waitUntil(
    (async () => {
      const reply = await engine.handle(data);
      port?.postMessage(reply);
      // Keep the worker alive until the flush/pull this message started has finished.
      await engine.settled();
    })(),
  );
});

// ---- connectivity ----
self.addEventListener('online', () => {
  engine.serverMaybeBack().catch(reportError);
});

self.addEventListener('sync', (event) => {
  if (!isSyncEvent(event) || event.tag !== OUTBOX_SYNC_TAG) return;
  // Connectivity is back as far as the browser knows; whether our server is, the pull finds out (and only a
  // real answer cuts the backoff short).
  event.waitUntil(engine.syncNow('online').then(() => engine.settled()));
});
