// The Report screen (`/report`, owner): one day's totals, items sold and orders per hour in the shop's time
// zone (Settings; this device's only until the settings are known), with the day's CSV downloads (orders, items). Read online only. Plain words: counts that
// add up, amounts in the menu's currency, preparation times as "half within …".
import { useEffect, useState } from 'preact/hooks';
import type { DayReport } from '../../protocol/day-report.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { formatMoney } from '../display-format.ts';
import { dayReportUrl, zonedToday } from '../history-query.ts';
import { useShopTimeZone } from '../kitchen/use-shop-settings.ts';

import { useBrowserOnline } from '../use-browser-online.ts';
import { HourBars } from './hour-bars.tsx';
import { ReportMoney } from './report-money.tsx';
import { ConnectionBanners } from './connection-banners.tsx';
import { t } from '../i18n.ts';

/** A preparation time in words: "under a minute", "4 min", "1 h 5 min" (the counter's age words). */
function prepTime(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return t('report.notMeasured');
  if (seconds < 60) return t('report.underMinute');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('age.minutes', { minutes });
  const rest = minutes % 60;
  const hours = Math.floor(minutes / 60);
  return rest === 0 ? t('age.hours', { hours }) : t('age.hoursMinutes', { hours, minutes: rest });
}

export default function ReportScreen() {
  const online = useBrowserOnline();
  const tz = useShopTimeZone();
  // Today in the shop's zone until the owner picks a day: the settings coming in move the default with them.
  const [picked, setPicked] = useState<string | null>(null);
  const day = picked ?? zonedToday(tz);
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
        if (live)
          setError(t('report.loadFailed', { error: describeFailure(reason, t('report.needsConnection')) }));
      },
    );
    return () => {
      live = false;
    };
  }, [day, tz, online]);

  const shown = report !== null && report.date === day && report.tz === tz ? report : null;
  return (
    <main class="screen report">
      <h2>{t('report.heading')}</h2>
      <ConnectionBanners online={online} needsConnection={t('report.needsConnection')} error={error} />
      <div class="report-controls">
        <label>
          {t('report.day')}
          <input type="date" value={day} required onInput={(event) => setPicked(event.currentTarget.value)} />
        </label>
        <span class="muted">{t('report.timeZone', { tz })}</span>
        {day === '' ? null : (
          <>
            <a href={dayReportUrl(day, tz, 'csv')} download>
              {t('report.csv')}
            </a>
            <a href={dayReportUrl(day, tz, 'csv', 'items')} download>
              {t('report.itemsCsv')}
            </a>
          </>
        )}
      </div>
      {shown === null ? (
        <p class="muted">{online ? t('report.loading') : t('report.whenOnline')}</p>
      ) : (
        <div class="report-body">
          <section class="panel" aria-labelledby="report-totals-heading">
            <h3 id="report-totals-heading">{t('report.totals')}</h3>
            <ReportTotals report={shown} />
          </section>
          <ReportMoney report={shown} />
          <section class="panel" aria-labelledby="report-hours-heading">
            <h3 id="report-hours-heading">{t('report.perHour')}</h3>
            <HourBars hours={shown.byHour} />
          </section>
          <section class="panel report-items-panel" aria-labelledby="report-items-heading">
            <h3 id="report-items-heading">{t('report.itemsSold')}</h3>
            {shown.items.length === 0 ? (
              <p class="empty">{t('report.nothingSold')}</p>
            ) : (
              <table class="report-items">
                <caption class="visually-hidden">{t('report.itemsSoldOn', { date: shown.date })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('report.item')}</th>
                    <th scope="col">{t('report.quantity')}</th>
                    <th scope="col">{t('report.revenue')}</th>
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
      <dt>{t('report.orders')}</dt>
      <dd>{report.orders}</dd>
      <dt>{t('report.active')}</dt>
      <dd>{report.active}</dd>
      <dt>{t('status.completed')}</dt>
      <dd>{report.completed}</dd>
      <dt>{t('status.cancelled')}</dt>
      <dd>{report.cancelled}</dd>
      <dt>{t('report.revenue')}</dt>
      <dd>
        {money(report.revenueCents)} <span class="muted">{t('report.revenueOf')}</span>
      </dd>
      <dt>{t('history.paid')}</dt>
      <dd>{money(report.paidCents)}</dd>
      <dt>{t('order.unpaid')}</dt>
      <dd>
        {report.unpaidOrders === 0
          ? t('report.nothing')
          : t('report.unpaid', { count: report.unpaidOrders, amount: money(toCollect) })}{' '}
        {report.activeUnpaidCents > 0 ? (
          <span class="muted">{t('report.ofWhichActive', { amount: money(report.activeUnpaidCents) })}</span>
        ) : null}
      </dd>
      <dt>{t('report.prepTime')}</dt>
      <dd>
        {report.prepSeconds.p50 === null
          ? t('report.noneReady')
          : t('report.prepHalf', {
              half: prepTime(report.prepSeconds.p50),
              most: prepTime(report.prepSeconds.p90),
            })}
      </dd>
    </dl>
  );
}
