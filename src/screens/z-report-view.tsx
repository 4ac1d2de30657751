// One closed drawer's Z report (DESIGN principle 22): expected, counted and the difference first (what the
// person closing needs), then payments by method, tips, refunds, movements, and the implicitly-opened flag.
// `Print` prints this section through the browser (window.print, styles.css hides the rest): the server has no
// print route for Z reports. The owner also gets the CSV of the Z reports of that span.
import type { ZReport } from '../../protocol/drawer.ts';
import { formatMoney } from '../display-format.ts';
import { METHOD_WORD } from '../payment-words.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

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
}: {
  report: ZReport;
  currency: string | null;
  canDownload: boolean;
}) {
  const money = (cents: number) => formatMoney(cents, currency);
  const { cash } = report;
  const headingId = `z-report-${report.number}`;
  const tips = report.byMethod.reduce((sum, m) => sum + m.tipsCents, 0);
  const refunds = report.byMethod.reduce((sum, m) => sum + m.refundsCents, 0);
  const difference = cash.differenceCents === 0 ? 'none' : cash.differenceCents > 0 ? 'over' : 'short';
  return (
    <section class="panel z-report" aria-labelledby={headingId}>
      <h3 id={headingId}>Z report {report.number}</h3>
      <p class="muted">
        {report.deviceName}: {when.format(new Date(report.openedAt))} –{' '}
        {when.format(new Date(report.closedAt))}
      </p>
      {report.openedImplicitly ? (
        <p class="warning">Opened by a cash payment with no open drawer (float 0).</p>
      ) : null}
      <dl class="device-facts z-cash" aria-label="Cash">
        <dt>Float</dt>
        <dd>{money(report.floatCents)}</dd>
        <dt>Cash sales</dt>
        <dd>{money(cash.salesCents)}</dd>
        <dt>Cash refunds</dt>
        <dd>{money(cash.refundsCents)}</dd>
        <dt>Paid in</dt>
        <dd>{money(cash.paidInCents)}</dd>
        <dt>Paid out</dt>
        <dd>{money(cash.paidOutCents)}</dd>
        <dt>Expected</dt>
        <dd>{money(cash.expectedCents)}</dd>
        <dt>Counted</dt>
        <dd>{money(cash.countedCents)}</dd>
        <dt>Difference</dt>
        <dd class={`z-difference z-${difference}`}>
          {money(cash.differenceCents)}
          {difference === 'none' ? '' : ` (${difference})`}
        </dd>
      </dl>
      <table class="z-methods">
        <caption>By method</caption>
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
          {report.byMethod.map((m) => (
            <tr key={m.method}>
              <th scope="row">{METHOD_WORD[m.method]}</th>
              <td>{m.count}</td>
              <td>{money(m.amountCents)}</td>
              <td>{money(m.tipsCents)}</td>
              <td>{money(m.refundsCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Tips {money(tips)} · Refunds {money(refunds)}
      </p>
      <h4>Movements</h4>
      {report.movements.length === 0 ? (
        <p class="muted">No paid in or paid out.</p>
      ) : (
        <ul aria-label="Movements">
          {report.movements.map((m) => (
            <li key={m.id}>
              {m.kind === 'in' ? 'Paid in' : 'Paid out'} {money(m.amountCents)}: {m.reason}
            </li>
          ))}
        </ul>
      )}
      <div class="dialog-actions z-actions">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        {canDownload ? (
          <a href={zReportCsvUrl(report)} download>
            Download Z reports CSV
          </a>
        ) : null}
      </div>
    </section>
  );
}
