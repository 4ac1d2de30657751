// `Discount` on an active order's details (#21, principle 20): the menu's presets or none. A change goes
// through the worker like a status move (applied at once, queued, confirmed by the server); this only asks.
import './order-discount.css';
import type { Discount } from '../../protocol/menu.ts';
import type { ClientOrder } from '../../protocol/order.ts';
import { t } from '../i18n.ts';

export function OrderDiscount({
  order,
  discounts,
  describedBy,
  onChange,
}: {
  order: ClientOrder;
  discounts: readonly Discount[];
  describedBy: string;
  onChange: (discount: string | null) => void;
}) {
  const current = order.discount ?? null;
  // A preset the menu no longer has stays selectable as what the order carries now.
  const gone = current !== null && !discounts.some((preset) => preset.id === current.id);
  return (
    <label class="field order-discount">
      <span>{t('totals.discount')}</span>
      <select
        aria-describedby={describedBy}
        value={current?.id ?? ''}
        onChange={(event) => onChange(event.currentTarget.value || null)}
      >
        <option value="">{t('totals.noDiscount')}</option>
        {gone ? <option value={current.id}>{current.name}</option> : null}
        {discounts.map((preset) => (
          <option key={preset.id} value={preset.id}>
            {preset.name}
          </option>
        ))}
      </select>
    </label>
  );
}
