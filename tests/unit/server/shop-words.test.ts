// The server's words in the shop's language (DESIGN.md principle 25): a German shop gets the setup page, its
// receipts, kitchen tickets and CSVs in German with times on its own clock; an Arabic one a right-to-left
// setup page; a language without a catalogue English words. English stays as it was (the other tests).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../protocol/order.ts';
import type { PrinterConfig } from '../../../protocol/printers.ts';
import { kitchenTicket } from '../../../server/printing/kitchen-ticket.ts';
import { documentText } from '../../../server/printing/print-document.ts';
import { renderSetupPage } from '../../../server/setup/setup-page.ts';
import { shopWords } from '../../../server/shop-words.ts';
import { parseCsv } from './csv-parse.ts';
import { cashBody, closeBody, pay, post } from './money-fixtures.ts';
import { OWNER_AUTH, createBody, memoryApp, postOrder, type TestApp } from './order-fixtures.ts';

const INFO = { httpsUrl: 'https://shop.test:8443', caFingerprint: 'AB:CD:EF' } as Parameters<
  typeof renderSetupPage
>[0];

describe('shopWords', () => {
  it('matches the language of the shop locale, English for one without a catalogue', () => {
    expect(shopWords('de-AT').locale).toBe('de');
    expect(shopWords('de-AT').intlLocale).toBe('de-AT');
    expect(shopWords('pt-BR').locale).toBe('en');
    expect(shopWords('pt-BR').t('server.receipt.total')).toBe('TOTAL');
    expect(shopWords('ar').intlLocale).toBe('ar-u-nu-latn');
  });

  it('keeps each language its own: no state shared between requests', () => {
    const [de, fr, en] = [shopWords('de'), shopWords('fr-CA'), shopWords('en-GB')];
    expect([de, fr, en, de].map((words) => words.t('server.receipt.change'))).toEqual([
      'Rückgeld',
      'Rendu',
      'Change',
      'Rückgeld',
    ]);
  });
});

describe('the setup page in the shop’s language', () => {
  it('is German for a German shop, markup and addresses intact', async () => {
    const html = await renderSetupPage(INFO, shopWords('de-DE'));
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h1>Dieses Gerät für Orderline einrichten</h1>');
    expect(html).toContain('<title>Dieses Gerät einrichten · Orderline</title>');
    expect(html).toContain('<strong>Chromebook</strong>: Einstellungen → Datenschutz und Sicherheit');
    expect(html).toContain(
      '<strong>Linux, ganzes System</strong> (Debian, Ubuntu): <code>sudo cp orderline-ca.crt /usr/local/share/ca-certificates/ &amp;&amp; sudo update-ca-certificates</code>, dann den Browser neu starten.',
    );
    expect(html).toContain(
      '<p class="warning"><strong>Vergleichen Sie ihn auch mit dem Bildschirm des Servers</strong>:',
    );
    expect(html).toContain('Verschlüsselung &amp; Anmeldedaten');
    expect(html).toContain('alt="QR-Code für https://shop.test:8443"');
    expect(html).toContain('<code class="fingerprint">AB:CD:EF</code>');
    expect(html).not.toMatch(/Set up this device|Install the Orderline certificate|Pair this device/);
  });

  it('lays out right to left in Arabic', async () => {
    const html = await renderSetupPage(INFO, shopWords('ar'));
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('3. اقرن هذا الجهاز');
    // Fingerprint, command and address still read left to right.
    expect(html).toContain('<code class="fingerprint" dir="ltr">AB:CD:EF</code>');
    expect(html).toContain('<a class="address" href="https://shop.test:8443" dir="ltr">');
  });
});

describe('a German shop on its own clock', () => {
  let t: TestApp;
  let order: Order;

  beforeAll(async () => {
    t = await memoryApp();
    const saved = await t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
      payload: JSON.stringify({ locale: 'de-DE', timeZone: 'Europe/Berlin' }),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // 23:30 UTC on the 25th is 00:30 on the 26th in Berlin: a CSV on the wrong clock shows the wrong day.
    const created = await postOrder(
      t.app,
      createBody({ createdAt: '2026-11-25T23:30:00.000Z', note: 'ohne Zucker' }),
    );
    order = created.json<Order>();
    expect((await pay(t.app, order.id, cashBody(order.totalCents, 5000))).statusCode).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('prints the receipt in German with German money and the Berlin time', async () => {
    const res = await t.app.inject({ url: `/api/orders/${order.id}/receipt`, headers: OWNER_AUTH });
    const text = res.body;
    expect(text).toContain(`Bestellung ${order.number}`);
    expect(text).toContain('26.11.2026, 00:30');
    const euros = (cents: number) => `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')} €`;
    expect(text).toMatch(new RegExp(`SUMME +${euros(order.totalCents)}`));
    expect(text).toMatch(new RegExp(`\\nBar +${euros(order.totalCents)}\\n`));
    expect(text).toMatch(new RegExp(`Gegeben +${euros(5000)}\\n`));
    expect(text).toMatch(new RegExp(`Rückgeld +${euros(5000 - order.totalCents)}\\n`));
    expect(text).not.toMatch(/TOTAL|Change|Tendered|Cash/);
  });

  it('prints the kitchen ticket in German', () => {
    const printer = {
      id: 'k',
      name: 'Küche',
      kind: 'kitchen',
      columns: 42,
      categories: [],
    } as unknown as PrinterConfig;
    const ticket = documentText(
      kitchenTicket(order, printer, () => undefined, 'Europe/Berlin', shopWords('de-DE'))!,
    );
    expect(ticket).toContain('26.11.2026, 00:30');
    expect(ticket).toContain('Notiz: ohne Zucker');
  });

  it('writes the day report CSVs with German headers, times on the Berlin clock, numbers as machines read them', async () => {
    const orders = parseCsv(
      (await t.app.inject({ url: '/api/reports/day?date=2026-11-26&format=csv', headers: OWNER_AUTH })).body,
    );
    expect(orders[0]).toEqual([
      'Nummer',
      'erstellt (Europe/Berlin)',
      'Status',
      'bezahlt',
      'Kunde',
      'Artikel',
      'Summe (EUR)',
      'bezahlt (EUR)',
      'offen (EUR)',
      'Zahlungen',
    ]);
    const row = orders.find((cells) => cells[0] === order.number)!;
    expect(row[1]).toBe('2026-11-26 00:30:00');
    expect(row[3]).toBe('ja');
    expect(row[6]).toMatch(/^\d+\.\d{2}$/);
    const items = parseCsv(
      (
        await t.app.inject({
          url: '/api/reports/day?date=2026-11-26&format=csv&table=items',
          headers: OWNER_AUTH,
        })
      ).body,
    );
    expect(items[0]).toEqual(['Artikel-ID', 'Name', 'Menge', 'Umsatz (EUR)']);
  });

  it('writes the Z report CSV with German headers and times with the Berlin offset', async () => {
    // The cash payment opened the till's drawer (implicitly, float 0): closing it makes the Z report.
    const closed = await post(t.app, '/api/drawer/close', closeBody(order.totalCents));
    expect(closed.statusCode, closed.body).toBe(201);
    const csv = parseCsv(
      (await t.app.inject({ url: '/api/reports/z?format=csv&from=2000-01-01', headers: OWNER_AUTH })).body,
    );
    expect(csv[0]?.slice(0, 6)).toEqual([
      'Nummer',
      'Geraete_ID',
      'Geraetename',
      'geoeffnet_um',
      'geschlossen_um',
      'Wechselgeld',
    ]);
    expect(csv[0]).toContain('bar_Betrag');
    // December in Berlin: UTC+1.
    expect(csv[1]?.[3]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+01:00$/);
    expect(csv[1]?.[5]).toBe('0.00');
    expect(csv[1]?.[csv[0]!.indexOf('bar_Betrag')]).toMatch(/^\d+\.\d{2}$/);
  });
});
