// Kitchen bump → row updated on another device's Counter and Ready board (`bump_other_device_ms`, p95 of the
// slower of the two per bump), on the pages' own clocks (timeOrigin + now, one machine): the click is stamped in
// the capture phase on the kitchen, the change when a MutationObserver sees it on the other device. Then the
// same bump on a kitchen with 200 active tickets: click → the bumping device's own DOM updated, and → the next
// animation frame after it (does a bump stay within one frame there?).
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Role } from '../../protocol/roles.ts';
import { pairContext } from '../../tests/e2e/helpers/pair-device.ts';
import { completeOrder, inParallel, newOrderBody, postOrder, registerDevice } from '../api-client.ts';
import type { BenchEnv } from '../bench-env.ts';
import { summarize, type Summary } from '../stats.ts';

export interface BumpResult {
  /** Per bump, the later of the counter row and the board number showing Ready. */
  otherDevice: Summary;
  counter: Summary;
  board: Summary;
  /** The bumping kitchen itself, with `busyTickets` tickets on screen: click → DOM, click → next frame. */
  busyTickets: number;
  busyClickToDom: Summary;
  busyClickToFrame: Summary;
}

/** Installed in every page: stamps Bump clicks and when watched ids reach their watched state. */
function installBumpProbe(): void {
  const now = () => performance.timeOrigin + performance.now();
  const state = {
    clicks: [] as number[],
    watch: null as null | { id: string; selector: string; seenAt: number | null; frameAt: number | null },
  };
  (window as unknown as { __bump: typeof state }).__bump = state;
  window.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button?.textContent?.startsWith('Bump ')) state.clicks.push(now());
    },
    { capture: true },
  );
  const check = () => {
    const watch = state.watch;
    if (watch === null || watch.seenAt !== null) return;
    if (document.querySelector(watch.selector) === null) return;
    watch.seenAt = now();
    requestAnimationFrame(() => (watch.frameAt = now()));
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
}

async function device(browser: Browser, baseUrl: string, role: Role): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, serviceWorkers: 'allow' });
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  await context.addInitScript(installBumpProbe);
  await pairContext(context, baseUrl, { role });
  return context;
}

async function watch(page: Page, id: string, selector: string): Promise<void> {
  await page.evaluate(
    ([orderId, css]) => {
      const probe = (window as unknown as { __bump: { watch: unknown } }).__bump;
      probe.watch = { id: orderId, selector: css, seenAt: null, frameAt: null };
    },
    [id, selector] as const,
  );
}

async function seen(page: Page, frame = false): Promise<number> {
  const handle = await page.waitForFunction(
    (wantFrame) => {
      const w = (
        window as unknown as { __bump: { watch: { seenAt: number | null; frameAt: number | null } } }
      ).__bump.watch;
      const t = wantFrame ? w.frameAt : w.seenAt;
      return t === null ? null : t;
    },
    frame,
    { polling: 5, timeout: 15_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function lastClick(page: Page): Promise<number> {
  return page.evaluate(() => {
    const clicks = (window as unknown as { __bump: { clicks: number[] } }).__bump.clicks;
    return clicks[clicks.length - 1] ?? NaN;
  });
}

const ticket = (id: string) => `ul[aria-label="Kitchen tickets"] > li[data-order-id="${id}"]`;

export async function measureBump(
  env: BenchEnv,
  menuItemId: string,
  samples: number,
  busyTickets: number,
  runId: string,
): Promise<BumpResult> {
  const baseUrl = env.server.url;
  const contexts = await Promise.all(
    (['kitchen', 'counter', 'display'] as const).map((role) => device(env.browser, baseUrl, role)),
  );
  try {
    const [kitchenPage, counterPage, boardPage] = await Promise.all(contexts.map((c) => c.newPage()));
    await kitchenPage!.goto('/kitchen');
    await counterPage!.goto('/');
    await boardPage!.goto('/board');
    await kitchenPage!.locator('ul[aria-label="Kitchen tickets"]').waitFor({ state: 'attached' });
    await counterPage!.locator('ul[aria-label="Active orders"]').waitFor({ state: 'attached' });
    await boardPage!.locator('ul[aria-label="Ready"]').waitFor({ state: 'attached' });
    await kitchenPage!.bringToFront();
    const till = await registerDevice(baseUrl);

    const toCounter: number[] = [];
    const toBoard: number[] = [];
    const toSlower: number[] = [];
    for (let i = 0; i < samples; i++) {
      const order = await postOrder(baseUrl, newOrderBody(till, menuItemId, `${runId} bump ${i}`));
      const bump = kitchenPage!.getByRole('button', { name: `Bump ${order.number}`, exact: true });
      await bump.click(); // pending → preparing, untimed
      // Settled through the server (another device shows it), not just drawn: the kitchen shows a bump at once,
      // and a timed bump sent while this one is still in flight would wait behind it (per-order FIFO).
      await counterPage!.locator(`li[data-order-id="${order.id}"].order-preparing`).waitFor();
      await watch(counterPage!, order.id, `li[data-order-id="${order.id}"].order-ready`);
      await watch(boardPage!, order.id, `ul[aria-label="Ready"] > li[data-order-id="${order.id}"]`);
      await bump.click(); // preparing → ready: timed
      const clickedAt = await lastClick(kitchenPage!);
      const [counterAt, boardAt] = await Promise.all([seen(counterPage!), seen(boardPage!)]);
      toCounter.push(counterAt - clickedAt);
      toBoard.push(boardAt - clickedAt);
      toSlower.push(Math.max(counterAt, boardAt) - clickedAt);
      // One at a time, so the busy part starts from an empty board (the server sheds bursts with 503).
      await completeOrder(baseUrl, order.id);
    }

    // A busy kitchen: `busyTickets` tickets on screen, bump the first one (pending → preparing).
    const bodies = Array.from({ length: busyTickets }, (_, i) =>
      newOrderBody(till, menuItemId, `${runId} busy ${i}`),
    );
    // Few at a time: the server sheds load (503) past its limits, and this seeds, it does not measure.
    await inParallel(bodies, 4, (body) => postOrder(baseUrl, body));
    await kitchenPage!
      .locator(`${ticket(bodies[busyTickets - 1]!.id)}`)
      .waitFor({ state: 'attached', timeout: 60_000 });
    const toDom: number[] = [];
    const toFrame: number[] = [];
    for (const body of bodies.slice(0, Math.min(50, busyTickets))) {
      await watch(kitchenPage!, body.id, `${ticket(body.id)}.ticket-preparing`);
      await kitchenPage!.getByRole('button', { name: `Bump ${body.number}`, exact: true }).click();
      const clickedAt = await lastClick(kitchenPage!);
      toDom.push((await seen(kitchenPage!)) - clickedAt);
      toFrame.push((await seen(kitchenPage!, true)) - clickedAt);
    }
    // The busy tickets stay: the caller cleans up (bench/run.ts completes leftovers between measures).
    return {
      otherDevice: summarize(toSlower),
      counter: summarize(toCounter),
      board: summarize(toBoard),
      busyTickets,
      busyClickToDom: summarize(toDom),
      busyClickToFrame: summarize(toFrame),
    };
  } finally {
    for (const context of contexts) await context.close();
  }
}
