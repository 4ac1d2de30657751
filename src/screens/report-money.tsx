// The Report screen's money section (DESIGN Part 3): payments by method with tips and refunds, refund due,
// taxes per rate (summed from each order's, never recomputed) and discounts. Each part shows only once the
// server sends it (a server from before Part 3 leaves them out).
import type { DayReport } from '../../protocol/day-report.ts';
import type { PaymentMethod } from '../../protocol/order.ts';
import { formatMoney } from '../display-format.ts';
import { methodWord } from '../payment-words.ts';
import { intlLocale, t } from '../i18n.ts';
import { MethodHeadings } from './method-headings.tsx';

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

/** Basis points → "7 %" / "5.5 %" (German "5,5 %"): display only, as the cart writes a rate. */
function percent(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString(intlLocale(), { maximumFractionDigits: 2 })} %`;
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
          <h3 id="report-payments-heading">{t('report.payments')}</h3>
          {payments.length === 0 ? (
            <p class="empty">{t('report.noPayments')}</p>
          ) : (
            <table class="report-items">
              <caption class="visually-hidden">{t('report.paymentsOn', { date: report.date })}</caption>
              <MethodHeadings />
              <tbody>
                {payments.map((p) => (
                  <tr key={p.method}>
                    <th scope="row">{methodWord(p.method)}</th>
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
            <dt>{t('report.tips')}</dt>
            <dd>{money(sum((p) => p.tipsCents))}</dd>
            <dt>{t('order.refunds')}</dt>
            <dd>{money(sum((p) => p.refundsCents))}</dd>
            {report.refundDueCents === undefined ? null : (
              <>
                <dt>{t('order.refundDue')}</dt>
                <dd>{report.refundDueCents === 0 ? t('report.nothing') : money(report.refundDueCents)}</dd>
              </>
            )}
          </dl>
        </section>
      )}
      {taxes === undefined ? null : (
        <section class="panel" aria-labelledby="report-taxes-heading">
          <h3 id="report-taxes-heading">{t('report.taxes')}</h3>
          {taxes.length === 0 ? (
            <p class="empty">{t('report.noTaxes')}</p>
          ) : (
            <table class="report-items">
              <caption class="visually-hidden">{t('report.taxesOn', { date: report.date })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('report.rate')}</th>
                  <th scope="col">{t('report.net')}</th>
                  <th scope="col">{t('report.tax')}</th>
                  <th scope="col">{t('report.gross')}</th>
                </tr>
              </thead>
              <tbody>
                {taxes.map((tax) => (
                  <tr key={tax.rate}>
                    <th scope="row">
                      {tax.name} ({percent(tax.rateBasisPoints)})
                    </th>
                    <td>{money(tax.netCents)}</td>
                    <td>{money(tax.taxCents)}</td>
                    <td>{money(tax.grossCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.discountsCents === undefined ? null : (
            <dl class="device-facts report-totals">
              <dt>{t('report.discounts')}</dt>
              <dd>{money(report.discountsCents)}</dd>
            </dl>
          )}
        </section>
      )}
    </>
  );
}
