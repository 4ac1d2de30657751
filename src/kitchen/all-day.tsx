// The `All day` region: each menu item's quantity across the kitchen's tickets, so a cook can batch.
import type { ClientOrder } from '../../protocol/order.ts';
import { allDayTotals } from './kitchen-tickets.ts';
import { t } from '../i18n.ts';

export function AllDay({ tickets }: { tickets: readonly ClientOrder[] }) {
  const lines = allDayTotals(tickets);
  return (
    <section class="all-day" role="region" aria-labelledby="all-day-heading">
      <h2 id="all-day-heading">{t('allDay.heading')}</h2>
      {lines.length === 0 ? (
        <p class="muted">{t('allDay.nothing')}</p>
      ) : (
        <dl class="all-day-lines">
          {lines.map((line) => (
            <div class="all-day-line" key={line.menuItemId} data-menu-item-id={line.menuItemId}>
              <dt>{line.name}</dt>
              <dd>{line.qty}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
