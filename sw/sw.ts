/// <reference lib="webworker" />
// Placeholder service worker: precaches the app shell. The real worker lands with issue #4.
import { precacheAndRoute } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
