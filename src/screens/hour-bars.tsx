// The Report's orders-per-hour chart as SVG: bar sizes are SVG attributes (the CSP forbids style=), and each
// bar carries its value as text, so the chart reads the same to a screen reader as it looks.
import type { DayReportHour } from '../../protocol/day-report.ts';
import { hourChart } from '../hour-chart.ts';
import { t } from '../i18n.ts';

const BAR_WIDTH = 28;
const GAP = 6;
const PLOT_HEIGHT = 160;
const LABEL_SPACE = 22;
const VALUE_SPACE = 18;

export function HourBars({ hours }: { hours: readonly DayReportHour[] }) {
  const chart = hourChart(hours);
  if (chart.bars.length === 0) return <p class="empty">{t('report.noOrders')}</p>;
  const width = chart.bars.length * (BAR_WIDTH + GAP) + GAP;
  const height = VALUE_SPACE + PLOT_HEIGHT + LABEL_SPACE;
  return (
    <figure class="hour-chart">
      <svg
        role="img"
        aria-labelledby="hour-chart-caption"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="xMinYMin meet"
      >
        {chart.bars.map((bar, index) => {
          const x = GAP + index * (BAR_WIDTH + GAP);
          const barHeight = Math.round(bar.height * PLOT_HEIGHT);
          const top = VALUE_SPACE + PLOT_HEIGHT - barHeight;
          return (
            <g key={bar.key}>
              <title>{t('report.barTitle', { hour: bar.label, count: bar.orders })}</title>
              <rect class="hour-bar" x={x} y={top} width={BAR_WIDTH} height={barHeight} />
              <text class="hour-value" x={x + BAR_WIDTH / 2} y={top - 4} text-anchor="middle">
                {bar.orders}
              </text>
              <text
                class="hour-label"
                x={x + BAR_WIDTH / 2}
                y={VALUE_SPACE + PLOT_HEIGHT + 16}
                text-anchor="middle"
              >
                {bar.label.slice(0, 2)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption id="hour-chart-caption">
        {t('report.chartCaption', {
          max: chart.axisMax,
          bars:
            chart.bars
              .filter((bar) => bar.orders > 0)
              .map((bar) => `${bar.label} ${bar.orders}`)
              .join(', ') || t('report.none'),
        })}
      </figcaption>
    </figure>
  );
}
