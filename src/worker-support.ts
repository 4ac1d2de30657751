// Whether this page can run Orderline's service worker, and if not, why: browsers give one only to a
// secure context (HTTPS, or localhost), and some browsers or private modes give none at all.

export type WorkerSupport = 'ok' | 'insecure' | 'unsupported';

export function workerSupport(isSecureContext: boolean, hasServiceWorker: boolean): WorkerSupport {
  if (!isSecureContext) return 'insecure';
  return hasServiceWorker ? 'ok' : 'unsupported';
}
