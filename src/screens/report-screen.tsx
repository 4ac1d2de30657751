// The Report screen (`/report`, owner): one local day's totals, items sold and orders per hour in this
// device's time zone, with the day's CSV downloads (orders, items). Read online only. Plain words: counts that
// add up, amounts in the menu's currency, preparation times as "half within …".
import { useEffect, useState } from 'preact/hooks';
import type { DayReport } from '../../protocol/day-report.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { formatMoney } from '../display-format.ts';
import { dayReportUrl, deviceTimeZone, localToday } from '../history-query.ts';
import { useBrowserOnline } from '../use-browser-online.ts';
import { plainDuration } from '../plain-duration.ts';
import { HourBars } from './hour-bars.tsx';
import { ReportMoney } from './report-money.tsx';
import { ConnectionBanners } from './connection-banners.tsx';

const NEEDS_CONNECTION = 'The day report needs a connection to the server.';

export default function ReportScreen() {
  const online = useBrowserOnline();
  const [tz] = useState(deviceTimeZone);
  const [day, setDay] = useState(() => localToday());
  const [report, setReport] = useState<DayReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!online || day === '') return;
    let live = true;
    apiRequest<DayReport>('GET', dayReportUrl(day, tz, 'json')).then(
      (value) => {
        if (!live) return;
        setReport(value);
        setError(null);
      },
      (reason: unknown) => {
        if (live) setError(`The report could not be loaded: ${describeFailure(reason, NEEDS_CONNECTION)}`);
      },
    );
    return () => {
      live = false;
    };
  }, [day, tz, online]);

  const shown = report !== null && report.date === day ? report : null;
  return (
    <main class="screen report">
      <h2>Day report</h2>
      <ConnectionBanners online={online} needsConnection={NEEDS_CONNECTION} error={error} />
      <div class="report-controls">
        <label>
          Report day
          <input type="date" value={day} required onInput={(event) => setDay(event.currentTarget.value)} />
        </label>
        <span class="muted">Time zone: {tz}</span>
        {day === '' ? null : (
          <>
            <a href={dayReportUrl(day, tz, 'csv')} download>
              Download CSV
            </a>
            <a href={dayReportUrl(day, tz, 'csv', 'items')} download>
              Download items CSV
            </a>
          </>
        )}
      </div>
      {shown === null ? (
        <p class="muted">{online ? 'Loading the report…' : 'The report is shown when online.'}</p>
      ) : (
        <div class="report-body">
          <section class="panel" aria-labelledby="report-totals-heading">
            <h3 id="report-totals-heading">Totals</h3>
            <ReportTotals report={shown} />
          </section>
          <ReportMoney report={shown} />
          <section class="panel" aria-labelledby="report-hours-heading">
            <h3 id="report-hours-heading">Orders per hour</h3>
            <HourBars hours={shown.byHour} />
          </section>
          <section class="panel report-items-panel" aria-labelledby="report-items-heading">
            <h3 id="report-items-heading">Items sold</h3>
            {shown.items.length === 0 ? (
              <p class="empty">Nothing sold this day.</p>
            ) : (
              <table class="report-items">
                <caption class="visually-hidden">Items sold on {shown.date}</caption>
                <thead>
                  <tr>
                    <th scope="col">Item</th>
                    <th scope="col">Quantity</th>
                    <th scope="col">Revenue</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.items.map((item) => (
                    <tr key={item.menuItemId}>
                      <th scope="row">{item.name}</th>
                      <td>{item.qty}</td>
                      <td>{formatMoney(item.revenueCents, shown.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
    </main>
  );
}

/** The day's totals: the order counts add up to the total, every amount carries the menu's currency. */
function ReportTotals({ report }: { report: DayReport }) {
  const money = (cents: number) => formatMoney(cents, report.currency);
  const toCollect = report.unpaidCents + report.activeUnpaidCents;
  return (
    <dl class="device-facts report-totals">
      <dt>Orders</dt>
      <dd>{report.orders}</dd>
      <dt>Active</dt>
      <dd>{report.active}</dd>
      <dt>Completed</dt>
      <dd>{report.completed}</dd>
      <dt>Cancelled</dt>
      <dd>{report.cancelled}</dd>
      <dt>Revenue</dt>
      <dd>
        {money(report.revenueCents)} <span class="muted">(completed orders)</span>
      </dd>
      <dt>Paid</dt>
      <dd>{money(report.paidCents)}</dd>
      <dt>Unpaid</dt>
      <dd>
        {report.unpaidOrders === 0
          ? 'nothing'
          : `${report.unpaidOrders} ${report.unpaidOrders === 1 ? 'order' : 'orders'}, ${money(toCollect)}`}{' '}
        {report.activeUnpaidCents > 0 ? (
          <span class="muted">(of which {money(report.activeUnpaidCents)} on orders still active)</span>
        ) : null}
      </dd>
      <dt>Preparation time</dt>
      <dd>
        {report.prepSeconds.p50 === null
          ? 'no order was marked ready this day'
          : `half of the orders were ready in ${plainDuration(report.prepSeconds.p50)}, nine in ten in ${plainDuration(report.prepSeconds.p90)}`}
      </dd>
    </dl>
  );
}
