// Z reports as RFC 4180 CSV (GET /api/reports/z?format=csv): one row per report, amounts in major units with a
// decimal point (server/day-report-csv.ts helpers: formula prefixes defused, integer arithmetic only).

import type { ZReport } from '../protocol/drawer.ts';
import { PAYMENT_METHODS } from '../protocol/order.ts';
import { csvAmount, csvCell, type CsvValue } from './day-report-csv.ts';

const HEADER = [
  'number',
  'device_id',
  'device_name',
  'opened_at',
  'closed_at',
  'float',
  'cash_sales',
  'cash_refunds',
  'paid_in',
  'paid_out',
  'expected',
  'counted',
  'difference',
  ...PAYMENT_METHODS.flatMap((m) => [`${m}_count`, `${m}_amount`, `${m}_tips`, `${m}_refunds`]),
  'opened_implicitly',
];

export function zReportsCsv(reports: readonly ZReport[]): string {
  const row = (cells: readonly CsvValue[]) => `${cells.map(csvCell).join(',')}\r\n`;
  let out = row(HEADER);
  for (const report of reports) {
    const { cash } = report;
    out += row([
      report.number,
      report.deviceId,
      report.deviceName,
      report.openedAt,
      report.closedAt,
      csvAmount(report.floatCents),
      csvAmount(cash.salesCents),
      csvAmount(cash.refundsCents),
      csvAmount(cash.paidInCents),
      csvAmount(cash.paidOutCents),
      csvAmount(cash.expectedCents),
      csvAmount(cash.countedCents),
      csvAmount(cash.differenceCents),
      ...PAYMENT_METHODS.flatMap((method) => {
        const m = report.byMethod.find((entry) => entry.method === method);
        return [
          m?.count ?? 0,
          csvAmount(m?.amountCents ?? 0),
          csvAmount(m?.tipsCents ?? 0),
          csvAmount(m?.refundsCents ?? 0),
        ];
      }),
      report.openedImplicitly,
    ]);
  }
  return out;
}
