// Locators and openers for the Kitchen (`/kitchen`) and Ready board (`/board`) screens, by the accessible
// names of DESIGN.md "Screens, part 2". Rows are found by `data-order-id` (the board shows first names only).
//
// API: kitchen(page) → { tickets, ticket(id), bump(number), allDay }; board(page) → { preparing, ready, in };
//      openScreen(page, path, ready) → goto + SW control + `ready` attached; ticketPlace(page, id) → the number
//      shown on the ticket, which the keyboard bump bar types

import { expect, type Locator, type Page } from '@playwright/test';
import { waitForServiceWorkerControl } from './device.ts';

export function kitchen(page: Page) {
  const tickets = page.getByRole('list', { name: 'Kitchen tickets', exact: true });
  return {
    tickets,
    ticket: (id: string) => tickets.locator(`[data-order-id="${id}"]`),
    bump: (number: string) => page.getByRole('button', { name: `Bump ${number}`, exact: true }),
    allDay: page.getByRole('region', { name: 'All day', exact: true }),
  };
}

export function board(page: Page) {
  const preparing = page.getByRole('list', { name: 'Preparing', exact: true });
  const ready = page.getByRole('list', { name: 'Ready', exact: true });
  return {
    preparing,
    ready,
    in: (list: Locator, id: string) => list.locator(`[data-order-id="${id}"]`),
  };
}

/** Opens a screen on an already paired device and waits for the SW and for `ready` to be on the page. */
export async function openScreen(page: Page, path: string, ready: (page: Page) => Locator): Promise<void> {
  await page.goto(path);
  await waitForServiceWorkerControl(page);
  await expect(ready(page)).toBeAttached();
}

/** The place number shown on the ticket: what a cook types on the keyboard bump bar to pick it. */
export async function ticketPlace(page: Page, id: string): Promise<number> {
  const ticket = kitchen(page).ticket(id);
  await expect(ticket).toBeAttached();
  const text = (await ticket.locator('.ticket-place').innerText()).trim();
  const place = Number(text);
  if (text === '' || !Number.isInteger(place)) throw new Error(`ticket ${id} shows no place number`);
  return place;
}
