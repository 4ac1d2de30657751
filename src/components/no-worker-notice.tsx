// Shown instead of the app when the browser gives this page no service worker: says why in plain words
// and where to go next (`/setup`, served by the server), so the page is never blank.
import { unreachable } from '../../protocol/unreachable.ts';
import type { WorkerSupport } from '../worker-support.ts';

function why(reason: Exclude<WorkerSupport, 'ok'>): string {
  switch (reason) {
    case 'insecure':
      return 'This page was opened over plain HTTP from another machine, and browsers only run offline apps over HTTPS. Orderline needs that to keep orders on this device when the network drops.';
    case 'unsupported':
      return 'This browser (or its private mode) does not run service workers, which Orderline needs to keep orders on this device when the network drops.';
    default:
      return unreachable(reason);
  }
}

export function NoWorkerNotice({ reason }: { reason: Exclude<WorkerSupport, 'ok'> }) {
  return (
    <main class="screen no-worker">
      <h1>Orderline cannot start here</h1>
      <p role="alert">{why(reason)}</p>
      <p>
        <a href="/setup">Set up this device for Orderline</a>: it shows the secure address to open and how to
        make this device trust it.
      </p>
    </main>
  );
}
