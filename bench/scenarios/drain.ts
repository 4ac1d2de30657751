// Drain: N orders placed while the device is offline (context.setOffline cuts page and SW), then back online;
// time until the server holds all of them, read from its changes feed. Lost = placed ids the server does not
// have; duplicated = extra server orders carrying the same customer marker (each order's marker is unique).
import type { MenuItem } from '../../protocol/api.ts';
import type { OrderDraft } from '../../protocol/messages.ts';
import { counter } from '../../tests/e2e/helpers/device.ts';
import { openAppWithin as openApp } from '../open-app.ts';
import { changesSince, currentCursor } from '../api-client.ts';
import { newBenchDevice, type BenchEnv } from '../bench-env.ts';
import { round } from '../stats.ts';
import { createOrders } from '../sw-requests.ts';

export interface DrainResult {
  seconds: number;
  lost: number;
  duplicated: number;
  placed: number;
}

export function draftFor(item: MenuItem, customerName: string): OrderDraft {
  return {
    customerName,
    note: '',
    items: [{ menuItemId: item.id, qty: 1, note: '', name: item.name, unitPriceCents: item.priceCents }],
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function measureDrain(
  env: BenchEnv,
  item: MenuItem,
  orders: number,
  runId: string,
): Promise<DrainResult> {
  const base = env.server.url;
  const context = await newBenchDevice(env.browser, base);
  try {
    const page = await context.newPage();
    await openApp(page);
    await page.bringToFront();
    await counter(page).syncStatus.getByText('All changes saved').waitFor({ timeout: 30_000 });
    const since = await currentCursor(base);

    await context.setOffline(true);
    const prefix = `${runId}-d`;
    const drafts = Array.from({ length: orders }, (_, i) => draftFor(item, `${prefix}${i}`));
    const placed = await createOrders(page, drafts);
    const placedIds = new Set(placed.map((order) => order.id));

    await context.setOffline(false);
    const start = performance.now();
    const seen = new Map<string, string>(); // id → customerName
    let cursor = since;
    const deadline = start + 120_000;
    while ([...placedIds].some((id) => !seen.has(id)) && performance.now() < deadline) {
      const batch = await changesSince(base, cursor);
      for (const order of batch.orders) seen.set(order.id, order.customerName);
      cursor = batch.cursor;
      if (!batch.more) await sleep(50);
    }
    const seconds = (performance.now() - start) / 1000;

    // Final tally over everything written since the drain began, once the outbox has settled.
    await counter(page).syncStatus.getByText('All changes saved').waitFor({ timeout: 60_000 });
    for (;;) {
      const batch = await changesSince(base, cursor);
      for (const order of batch.orders) seen.set(order.id, order.customerName);
      cursor = batch.cursor;
      if (!batch.more) break;
    }
    const lost = [...placedIds].filter((id) => !seen.has(id)).length;
    const perMarker = new Map<string, number>();
    for (const name of seen.values())
      if (name.startsWith(prefix)) perMarker.set(name, (perMarker.get(name) ?? 0) + 1);
    const duplicated = [...perMarker.values()].reduce((sum, count) => sum + (count - 1), 0);
    return { seconds: round(seconds, 3), lost, duplicated, placed: placedIds.size };
  } finally {
    await context.close();
  }
}
