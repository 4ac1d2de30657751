// One closed drawer's Z report (DESIGN principle 22): expected, counted and the difference first (what the
// person closing needs), then payments by method, tips, refunds, movements, and the implicitly-opened flag.
// `Print` prints this section through the browser (window.print, styles.css hides the rest): the server has no
// print route for Z reports. The owner also gets the CSV of the Z reports of that span.
import type { ZReport } from '../../protocol/drawer.ts';
import { formatMoney } from '../display-format.ts';
import { methodWord } from '../payment-words.ts';
import { t } from '../i18n.ts';
import { formatDateTime } from '../when-format.ts';
import { MethodHeadings } from './method-headings.tsx';

export function zReportCsvUrl(report: Pick<ZReport, 'openedAt' | 'closedAt'>): string {
  // `to` as an instant is exclusive: one millisecond past the close keeps this report in the list.
  const to = new Date(Date.parse(report.closedAt) + 1).toISOString();
  const params = new URLSearchParams({ from: report.openedAt, to, format: 'csv' });
  return `/api/reports/z?${params.toString()}`;
}

export function ZReportView({
  report,
  currency,
  canDownload,
  timeZone,
}: {
  report: ZReport;
  currency: string | null;
  canDownload: boolean;
  /** The shop's: opened and closed read on its clock. */
  timeZone: string;
}) {
  const money = (cents: number) => formatMoney(cents, currency);
  const { cash } = report;
  const headingId = `z-report-${report.number}`;
  const tips = report.byMethod.reduce((sum, m) => sum + m.tipsCents, 0);
  const refunds = report.byMethod.reduce((sum, m) => sum + m.refundsCents, 0);
  const difference = cash.differenceCents === 0 ? 'none' : cash.differenceCents > 0 ? 'over' : 'short';
  return (
    <section class="panel z-report" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('zreport.title', { number: report.number })}</h3>
      <p class="muted">
        {report.deviceName}: {formatDateTime(report.openedAt, timeZone)} –{' '}
        {formatDateTime(report.closedAt, timeZone)}
      </p>
      {report.openedImplicitly ? <p class="warning">{t('drawer.implicit')}</p> : null}
      <dl class="device-facts z-cash" aria-label={t('pay.cash')}>
        <dt>{t('drawer.float')}</dt>
        <dd>{money(report.floatCents)}</dd>
        <dt>{t('zreport.cashSales')}</dt>
        <dd>{money(cash.salesCents)}</dd>
        <dt>{t('zreport.cashRefunds')}</dt>
        <dd>{money(cash.refundsCents)}</dd>
        <dt>{t('drawer.paidIn')}</dt>
        <dd>{money(cash.paidInCents)}</dd>
        <dt>{t('drawer.paidOut')}</dt>
        <dd>{money(cash.paidOutCents)}</dd>
        <dt>{t('zreport.expected')}</dt>
        <dd>{money(cash.expectedCents)}</dd>
        <dt>{t('zreport.counted')}</dt>
        <dd>{money(cash.countedCents)}</dd>
        <dt>{t('zreport.difference')}</dt>
        <dd class={`z-difference z-${difference}`}>
          {money(cash.differenceCents)}
          {difference === 'none' ? '' : ` ${t('zreport.overShort', { difference })}`}
        </dd>
      </dl>
      <table class="z-methods">
        <caption>{t('zreport.byMethod')}</caption>
        <MethodHeadings />
        <tbody>
          {report.byMethod.map((m) => (
            <tr key={m.method}>
              <th scope="row">{methodWord(m.method)}</th>
              <td>{m.count}</td>
              <td>{money(m.amountCents)}</td>
              <td>{money(m.tipsCents)}</td>
              <td>{money(m.refundsCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {t('report.tips')} {money(tips)} · {t('order.refunds')} {money(refunds)}
      </p>
      <h4>{t('drawer.movements')}</h4>
      {report.movements.length === 0 ? (
        <p class="muted">{t('zreport.noMovements')}</p>
      ) : (
        <ul aria-label={t('drawer.movements')}>
          {report.movements.map((m) => (
            <li key={m.id}>
              {m.kind === 'in' ? t('drawer.paidIn') : t('drawer.paidOut')} {money(m.amountCents)}: {m.reason}
            </li>
          ))}
        </ul>
      )}
      <div class="dialog-actions z-actions">
        <button type="button" onClick={() => window.print()}>
          {t('zreport.print')}
        </button>
        {canDownload ? (
          <a href={zReportCsvUrl(report)} download>
            {t('zreport.csv')}
          </a>
        ) : null}
      </div>
    </section>
  );
}
