// The Report screen's money section (DESIGN Part 3): payments by method with tips and refunds, refund due,
// taxes per rate (summed from each order's, never recomputed) and discounts. Each part shows only once the
// server sends it (a server from before Part 3 leaves them out).
import type { DayReport } from '../../protocol/day-report.ts';
import type { PaymentMethod } from '../../protocol/order.ts';
import { formatMoney } from '../display-format.ts';
import { METHOD_WORD } from '../payment-words.ts';

/** GET /api/reports/day's Part 3 money fields (DESIGN "HTTP API, part 3"). */
export interface DayReportMoney {
  payments?: {
    method: PaymentMethod;
    count: number;
    amountCents: number;
    tipsCents: number;
    refundsCents: number;
  }[];
  refundDueCents?: number;
}

/** Basis points → "7 %" / "5.5 %" (integer arithmetic: 550 bp = 5.5 %). */
function percent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = basisPoints % 100;
  return rest === 0 ? `${whole} %` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')} %`;
}

export function ReportMoney({ report }: { report: DayReport & DayReportMoney }) {
  const money = (cents: number) => formatMoney(cents, report.currency);
  const payments = report.payments;
  const taxes = report.taxes;
  const sum = (pick: (p: NonNullable<typeof payments>[number]) => number) =>
    (payments ?? []).reduce((total, p) => total + pick(p), 0);
  return (
    <>
      {payments === undefined ? null : (
        <section class="panel" aria-labelledby="report-payments-heading">
          <h3 id="report-payments-heading">Payments</h3>
          {payments.length === 0 ? (
            <p class="empty">No payments this day.</p>
          ) : (
            <table class="report-items">
              <caption class="visually-hidden">Payments by method on {report.date}</caption>
              <thead>
                <tr>
                  <th scope="col">Method</th>
                  <th scope="col">Payments</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Tips</th>
                  <th scope="col">Refunds</th>
                </tr>
              </thead>
              <tbody>
                {payments.map((p) => (
                  <tr key={p.method}>
                    <th scope="row">{METHOD_WORD[p.method]}</th>
                    <td>{p.count}</td>
                    <td>{money(p.amountCents)}</td>
                    <td>{money(p.tipsCents)}</td>
                    <td>{money(p.refundsCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <dl class="device-facts report-totals">
            <dt>Tips</dt>
            <dd>{money(sum((p) => p.tipsCents))}</dd>
            <dt>Refunds</dt>
            <dd>{money(sum((p) => p.refundsCents))}</dd>
            {report.refundDueCents === undefined ? null : (
              <>
                <dt>Refund due</dt>
                <dd>{report.refundDueCents === 0 ? 'nothing' : money(report.refundDueCents)}</dd>
              </>
            )}
          </dl>
        </section>
      )}
      {taxes === undefined ? null : (
        <section class="panel" aria-labelledby="report-taxes-heading">
          <h3 id="report-taxes-heading">Taxes</h3>
          {taxes.length === 0 ? (
            <p class="empty">No taxes this day.</p>
          ) : (
            <table class="report-items">
              <caption class="visually-hidden">Taxes per rate on {report.date}</caption>
              <thead>
                <tr>
                  <th scope="col">Rate</th>
                  <th scope="col">Net</th>
                  <th scope="col">Tax</th>
                  <th scope="col">Gross</th>
                </tr>
              </thead>
              <tbody>
                {taxes.map((t) => (
                  <tr key={t.rate}>
                    <th scope="row">
                      {t.name} ({percent(t.rateBasisPoints)})
                    </th>
                    <td>{money(t.netCents)}</td>
                    <td>{money(t.taxCents)}</td>
                    <td>{money(t.grossCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.discountsCents === undefined ? null : (
            <dl class="device-facts report-totals">
              <dt>Discounts</dt>
              <dd>{money(report.discountsCents)}</dd>
            </dl>
          )}
        </section>
      )}
    </>
  );
}
