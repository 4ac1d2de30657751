// Sends page → SW intents (protocol/messages.ts) from inside a page, exactly as the UI's bridge does:
// postMessage to the controlling worker with a MessageChannel port for the reply. The bench uses it to
// put thousands of orders through the app's real path (IDB + outbox + server) without clicking each one.
import type { Page } from '@playwright/test';
import type { Diagnostics, OrderDraft, PageRequest, Reply } from '../protocol/messages.ts';
import type { ClientOrder, OrderStatus } from '../protocol/order.ts';

/** Sends `requests` from the page, at most `concurrency` in flight; returns the replies in order. */
export async function sendIntents<T>(
  page: Page,
  requests: PageRequest[],
  concurrency = 32,
): Promise<Reply<T>[]> {
  return page.evaluate(
    async ({ requests, concurrency }) => {
      const controller = navigator.serviceWorker.controller;
      if (controller === null) throw new Error('no service worker controls this page');
      const send = (request: unknown) =>
        new Promise<unknown>((resolve, reject) => {
          const channel = new MessageChannel();
          // An open port with a handler stays alive (and keeps its last reply): close it, or the bench
          // itself would show up as a leak in the heap measure.
          const timer = setTimeout(() => {
            channel.port1.close();
            reject(new Error('no reply from the SW within 30 s'));
          }, 30_000);
          channel.port1.onmessage = (event) => {
            clearTimeout(timer);
            channel.port1.close();
            resolve(event.data);
          };
          controller.postMessage(request, [channel.port2]);
        });
      const replies: unknown[] = new Array(requests.length);
      let next = 0;
      const worker = async () => {
        while (next < requests.length) {
          const index = next++;
          replies[index] = await send(requests[index]);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
      return replies;
    },
    { requests, concurrency },
  ) as Promise<Reply<T>[]>;
}

function unwrap<T>(reply: Reply<T>, what: string): T {
  if (!reply.ok) throw new Error(`${what} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

export async function createOrders(page: Page, drafts: OrderDraft[]): Promise<ClientOrder[]> {
  const replies = await sendIntents<ClientOrder>(
    page,
    drafts.map((draft) => ({ v: 1, type: 'create-order', draft })),
  );
  return replies.map((reply) => unwrap(reply, 'create-order'));
}

export async function setStatuses(page: Page, ids: string[], status: OrderStatus): Promise<void> {
  const replies = await sendIntents<ClientOrder>(
    page,
    ids.map((id) => ({ v: 1, type: 'set-status', id, status })),
  );
  for (const reply of replies) unwrap(reply, 'set-status');
}

export async function diagnostics(page: Page): Promise<Diagnostics> {
  const [reply] = await sendIntents<Diagnostics>(page, [{ v: 1, type: 'diagnostics' }]);
  if (reply === undefined) throw new Error('no diagnostics reply');
  return unwrap(reply, 'diagnostics');
}
