/// <reference lib="webworker" />
// The service worker entry: only wires browser events to the modules (offline shell, menu cache, active list
// fallback, the sync engine). No state lives here; everything that matters is in IndexedDB.

import { cleanupOutdatedCaches, getCacheKeyForURL, matchPrecache, precache } from 'workbox-precaching';
import { v7 as uuidv7 } from 'uuid';
import { BROADCAST_CHANNEL, isPageRequest, isSkipWaiting } from '../protocol/messages.ts';
import { activeOrdersNetworkFirst } from './active-orders-route.ts';
import { backgroundSyncRegistrar, isSyncEvent, OUTBOX_SYNC_TAG } from './background-sync.ts';
import { DB_NAME, openOrderlineDb } from './db.ts';
import { SW_VERSION_PATH, versionResponse } from './build-version.ts';
import { createKeepAlive } from './keep-alive.ts';
import { MENU_CACHE, routeFetch, SETTINGS_CACHE } from './fetch-routes.ts';
import { createMenuRefresher } from './menu-refresh.ts';
import { createMenuMemory } from './menu-memory.ts';
import type { MenuResponse } from '../protocol/menu.ts';
import { createSettingsKeeper } from './settings-keeper.ts';
import { createSyncEngine } from './sync-engine.ts';
import { addStartRoutes, copyStartShell } from './start-routes.ts';

declare const self: ServiceWorkerGlobalScope;

const origin = self.location.origin;
const channel = new BroadcastChannel(BROADCAST_CHANNEL);

const reportError = (error: unknown): void => console.error('[orderline sw]', error);

// The menu the create-order estimate prices with: what the refresher last stored, else the cached copy.
const menuMemory = createMenuMemory(async () => {
  const cached = await (await caches.open(MENU_CACHE)).match(`${origin}/api/menu`);
  return cached ? ((await cached.json()) as MenuResponse) : null;
});

const refreshMenu = createMenuRefresher({
  fetch: (input, init) => fetch(input, init),
  baseUrl: origin,
  openCache: () => caches.open(MENU_CACHE),
  broadcast: (message) => {
    menuMemory.remember(message.menu);
    channel.postMessage(message);
  },
  reportError,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
});

const keepSettings = createSettingsKeeper({
  baseUrl: origin,
  openCache: () => caches.open(SETTINGS_CACHE),
  broadcast: (message) => channel.postMessage(message),
  reportError,
});

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
  refreshMenu,
  pricingMenu: () => menuMemory.current(),
  keepSettings,
});
const keepAlive = createKeepAlive(() => engine.settled());

// ---- offline shell ----
// Workbox installs, revisions and cleans up the precache; which request gets which answer is sw/fetch-routes.ts.
precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();
self.addEventListener('fetch', (event) => {
  if (new URL(event.request.url).pathname === SW_VERSION_PATH) {
    event.respondWith(versionResponse());
    return;
  }
  const response = routeFetch(event.request, {
    origin,
    precacheKeyFor: getCacheKeyForURL,
    matchPrecache,
    openCache: (name) => caches.open(name),
    fetch: (request) => fetch(request),
    activeOrders: (request) => activeOrdersNetworkFirst(request, engine, fetch),
    waitUntil: (promise) => event.waitUntil(promise),
  });
  if (response) event.respondWith(response);
});

// ---- lifecycle ----
let engineStarted = false;
function startEngine(): void {
  if (engineStarted) return;
  engineStarted = true;
  engine.start().catch(reportError);
}

self.addEventListener('install', (event) => {
  // A first install (no version active on this device): nothing else owns the outbox, so the engine starts
  // now, beside the precache, and a new device's orders are in IndexedDB by the time the page asks. An update
  // must not: the active version owns the outbox until this one activates.
  if (self.registration.active === null) startEngine();
  addStartRoutes(event, reportError);
});

self.addEventListener('activate', (event) => {
  // Take over open tabs at once. Activation must not wait for the network (navigations queue behind it), so
  // the engine starts beside it: the new version keeps flushing the outbox the old one left in IndexedDB.
  // The start routes' shell is this version's from now on (a few cache writes, no network).
  event.waitUntil(
    Promise.all([
      self.clients.claim(),
      copyStartShell(origin, () => matchPrecache('index.html'), caches).catch(reportError),
    ]),
  );
  startEngine();
});

// Every restart of an active worker (the browser stops idle ones) catches up and resumes the outbox, a moment
// later: a restart usually comes with a page starting (a reload, a tablet waking), and the catch-up's requests and
// read-write transactions over every store then competed with that page's scripts and its own IndexedDB read of
// the orders (1,000 orders, worker stopped: painted at 137–145 ms instead of 152–180 ms, three rounds of 10
// reloads each; bench/README.md). Intents, pushes and Background Sync are answered at once, started or not.
const RESTART_CATCH_UP_DELAY_MS = 500;
if (self.serviceWorker.state === 'activated') setTimeout(startEngine, RESTART_CATCH_UP_DELAY_MS);

// ---- page messages ----
self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (isSkipWaiting(data)) {
    // The page sends it to both versions when the user presses Reload: the waiting one takes over, and the
    // active one lets go of the events it holds open, without which Chromium does not activate the new one.
    if (self.serviceWorker.state === 'activated') keepAlive.handOver();
    else event.waitUntil(self.skipWaiting());
    return;
  }
  if (!isPageRequest(data)) return; // unknown messages are ignored, never thrown on
  const port = event.ports[0];
  event.waitUntil(
    (async () => {
      const reply = await engine.handle(data);
      port?.postMessage(reply);
      // Keep the worker alive until the flush/pull this message started has finished, or a later message holds
      // it (not one open event per message: under a steady stream of intents the engine is never idle).
      await keepAlive.untilSettled();
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
