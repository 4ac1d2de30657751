// `event: printers` (principle 23): every printer's state, queue length, oldest waiting job and the reason
// in words, serialised once for all streams. No `id`, like menu and settings: Last-Event-ID stays the orders cursor.

import type { Printer, PrintersEventData } from '../../protocol/printers.ts';

export function printersEventData(printers: readonly Printer[]): PrintersEventData {
  return {
    printers: printers.map(({ id, name, state, queued, oldestQueuedAt, reason }) => ({
      id,
      name,
      state,
      queued,
      oldestQueuedAt,
      reason,
    })),
  };
}

export function printersEventBytes(data: PrintersEventData): Buffer {
  return Buffer.from(`event: printers\ndata: ${JSON.stringify(data)}\n\n`);
}
