// Shown instead of the app when the browser gives this page no service worker: says why in plain words
// and where to go next (`/setup`, served by the server), so the page is never blank. Plain DOM, no Preact:
// it is its own small chunk, loaded only on such a page, and shares nothing with the app's bundle.
import { unreachable } from '../protocol/unreachable.ts';
import type { WorkerSupport } from './worker-support.ts';

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

export function showNoWorkerNotice(root: HTMLElement, reason: Exclude<WorkerSupport, 'ok'>): void {
  const main = document.createElement('main');
  main.className = 'screen no-worker';
  const heading = document.createElement('h1');
  heading.textContent = 'Orderline cannot start here';
  const alert = document.createElement('p');
  alert.setAttribute('role', 'alert');
  alert.textContent = why(reason);
  const next = document.createElement('p');
  const link = document.createElement('a');
  link.href = '/setup';
  link.textContent = 'Set up this device for Orderline';
  next.append(link, ': it shows the secure address to open and how to make this device trust it.');
  main.append(heading, alert, next);
  root.replaceChildren(main);
}
