// The receipt with the shop's settings (DESIGN principle 24): name, address, tax id and footer as the owner
// saved them with PATCH /api/settings, and the order's local date and time in the shop's time zone, worded in
// the shop's locale (a de-DE shop prints German).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../../protocol/order.ts';
import { OWNER_AUTH, createBody, memoryApp, postOrder, type TestApp } from '../order-fixtures.ts';

let t: TestApp;
let order: Order;

beforeAll(async () => {
  t = await memoryApp();
  // 23:30 UTC: already the next day in Berlin, so a receipt in the wrong zone shows the wrong date.
  const body = createBody({ createdAt: '2026-11-25T23:30:00.000Z' });
  order = (await postOrder(t.app, body)).json<Order>();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function receipt(columns = 42): Promise<string> {
  const res = await t.app.inject({
    url: `/api/orders/${order.id}/receipt?columns=${columns}`,
    headers: OWNER_AUTH,
  });
  expect(res.statusCode).toBe(200);
  return res.body;
}

function patch(body: object) {
  return t.app.inject({
    method: 'PATCH',
    url: '/api/settings',
    headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

describe('receipt with the shop settings', () => {
  it('before any settings: no shop header, the time in UTC', async () => {
    const text = await receipt();
    expect(text.split('\n')[0]).toMatch(/^Order /);
    expect(text).toContain('25/11/2026 23:30');
    expect(text).not.toContain('Tax id');
  });

  it('prints name, address, tax id and footer, and the local date and time of the shop', async () => {
    const saved = await patch({
      shopName: 'Café Aurora',
      address: ['Hauptstraße 1', '10115 Berlin'],
      taxId: 'DE123456789',
      receiptFooter: 'Danke für Ihren Besuch! Wir sehen uns morgen wieder im Café Aurora.',
      timeZone: 'Europe/Berlin',
      locale: 'de-DE',
    });
    expect(saved.statusCode).toBe(200);
    const text = await receipt();
    const lines = text.trimEnd().split('\n');
    // Centred header, in the order principle 24 lists.
    expect(lines.slice(0, 4).map((line) => line.trim())).toEqual([
      'Café Aurora',
      'Hauptstraße 1',
      '10115 Berlin',
      'USt-IdNr.: DE123456789',
    ]);
    expect(lines[0]).toMatch(/^ +Café Aurora$/);
    expect(text).toContain('26.11.2026, 00:30');
    expect(text).not.toContain('25.11.2026, 23:30');
    // The footer, wrapped at the width, just before the order id.
    const footerAt = lines.findIndex((line) => line.includes('Danke für Ihren Besuch!'));
    expect(footerAt).toBeGreaterThan(0);
    const idAt = lines.findIndex((line) => line.trim() === 'Bestell-ID');
    const footer = lines
      .slice(footerAt, idAt)
      .map((line) => line.trim())
      .join(' ');
    expect(footer).toBe('Danke für Ihren Besuch! Wir sehen uns morgen wieder im Café Aurora.');
    // The id wraps under its label at 42 columns, the receipt's last line.
    expect(lines.at(-1)?.trim()).toBe(order.id);
  });

  it('a narrow printer wraps a long shop line, never past its width', async () => {
    await patch({ address: ['Unit 4, The Old Brewery Yard, 12 Long Street'] });
    const text = await receipt(32);
    expect(Math.max(...text.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(32);
    expect(text).toContain('The Old Brewery');
  });

  it('a changed time zone shows on the next receipt at once', async () => {
    await patch({ timeZone: 'America/New_York' });
    expect(await receipt()).toContain('25.11.2026, 18:30');
  });
});
