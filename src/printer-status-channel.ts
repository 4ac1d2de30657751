// The printers' state (SSE `event: printers`) for every tab: the leader tab's stream relays each event
// here, keeps the last one and re-posts it on a BroadcastChannel; a tab that starts asks for it. Only the
// alerts and the Printers screen read it; the orders path never waits on it.
import { isPrintersEventData, type PrintersEventData } from '../protocol/printers.ts';

const CHANNEL = 'orderline/printers/v1';

type ChannelMessage = { v: 1; type: 'printers'; data: PrintersEventData } | { v: 1; type: 'ask' };

let last: PrintersEventData | null = null;
const listeners = new Set<(data: PrintersEventData) => void>();
let channel: BroadcastChannel | null = null;
let leader = false;

function open(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = event.data as ChannelMessage | null;
    if (message?.v !== 1) return;
    if (message.type === 'ask') {
      if (leader && last)
        channel?.postMessage({ v: 1, type: 'printers', data: last } satisfies ChannelMessage);
      return;
    }
    if (message.type === 'printers' && isPrintersEventData(message.data)) deliver(message.data);
  };
  return channel;
}

function deliver(data: PrintersEventData): void {
  last = data;
  for (const listener of listeners) listener(data);
}

/** The leader's stream got `event: printers` (raw data): keep it, tell this tab and every other one. */
export function relayPrintersEvent(raw: string): void {
  leader = true;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return;
  }
  if (!isPrintersEventData(data)) return;
  deliver(data);
  open()?.postMessage({ v: 1, type: 'printers', data } satisfies ChannelMessage);
}

/** Calls `listener` with each new state (at once with the last one known); returns an unsubscribe. */
export function subscribePrinters(listener: (data: PrintersEventData) => void): () => void {
  listeners.add(listener);
  if (last) listener(last);
  else open()?.postMessage({ v: 1, type: 'ask' } satisfies ChannelMessage);
  open();
  return () => listeners.delete(listener);
}
