// Z reports as RFC 4180 CSV (GET /api/reports/z?format=csv): one row per report, amounts in major units with the
// currency's own decimals and a point (server/day-report-csv.ts helpers: formula prefixes defused, integer
// arithmetic only). Header row in the shop's language, times as ISO 8601 on the shop's clock (docs/decisions.md).

import { currencyDigits } from '../protocol/currency-digits.ts';
import type { ZReport } from '../protocol/drawer.ts';
import { PAYMENT_METHODS } from '../protocol/order.ts';
import { csvAmount, csvCell, type CsvValue } from './day-report-csv.ts';
import { clockParts } from './clock-parts.ts';
import { ENGLISH, type ShopWords } from './shop-words.ts';

/** What the CSV needs of the shop: its words, its clock and the menu's currency. */
export interface ZCsvShop {
  words: ShopWords;
  timeZone: string;
  currency: string;
}

const ENGLISH_SHOP: ZCsvShop = { words: ENGLISH, timeZone: 'UTC', currency: 'EUR' };

function header({ t }: ShopWords): string[] {
  const column = (id: string, method: string) => t(id, { method: t(`server.z.${method}`) });
  return [
    t('server.z.number'),
    t('server.z.deviceId'),
    t('server.z.deviceName'),
    t('server.z.openedAt'),
    t('server.z.closedAt'),
    t('server.z.float'),
    t('server.z.cashSales'),
    t('server.z.cashRefunds'),
    t('server.z.paidIn'),
    t('server.z.paidOut'),
    t('server.z.expected'),
    t('server.z.counted'),
    t('server.z.difference'),
    ...PAYMENT_METHODS.flatMap((m) => [
      column('server.z.count', m),
      column('server.z.amount', m),
      column('server.z.tips', m),
      column('server.z.refunds', m),
    ]),
    t('server.z.openedImplicitly'),
  ];
}

/**
 * An instant as ISO 8601 on the clock of `timeZone` with its offset (`2026-06-10T09:00:00+02:00`): a
 * spreadsheet and a program both read it, and it is the shop's local time. UTC keeps the `Z` form.
 */
export function zonedIso(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const c = clockParts(date, timeZone);
  if (c.offset === '' || c.offset === '+00:00') return date.toISOString();
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${c.year}-${c.month}-${c.day}T${c.hour}:${c.minute}:${c.second}.${millis}${c.offset}`;
}

export function zReportsCsv(reports: readonly ZReport[], shop: ZCsvShop = ENGLISH_SHOP): string {
  const row = (cells: readonly CsvValue[]) => `${cells.map(csvCell).join(',')}\r\n`;
  const digits = currencyDigits(shop.currency);
  const amount = (minor: number) => csvAmount(minor, digits);
  let out = row(header(shop.words));
  for (const report of reports) {
    const { cash } = report;
    out += row([
      report.number,
      report.deviceId,
      report.deviceName,
      zonedIso(report.openedAt, shop.timeZone),
      zonedIso(report.closedAt, shop.timeZone),
      amount(report.floatCents),
      amount(cash.salesCents),
      amount(cash.refundsCents),
      amount(cash.paidInCents),
      amount(cash.paidOutCents),
      amount(cash.expectedCents),
      amount(cash.countedCents),
      amount(cash.differenceCents),
      ...PAYMENT_METHODS.flatMap((method) => {
        const m = report.byMethod.find((entry) => entry.method === method);
        return [
          m?.count ?? 0,
          amount(m?.amountCents ?? 0),
          amount(m?.tipsCents ?? 0),
          amount(m?.refundsCents ?? 0),
        ];
      }),
      report.openedImplicitly,
    ]);
  }
  return out;
}
