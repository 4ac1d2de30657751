// What an expanded row adds (`Details` open): `Receipt`, the owner's `Refunds` and the discount picker. One chunk,
// loaded after the first paint (order-row.tsx): a collapsed row, every row of a first paint, shows none of it.
import type { Discount } from '../../protocol/menu.ts';
import type { ClientOrder } from '../../protocol/order.ts';
import { t } from '../i18n.ts';
import { OrderDiscount } from './order-discount.tsx';
import type { OrderAction } from './order-row.tsx';
import { ReceiptButton } from './receipt-button.tsx';

export interface RowDetailsProps {
  order: ClientOrder;
  discounts?: readonly Discount[] | undefined;
  canRefund: boolean;
  /** The row's number element: every action is described by it. */
  numberId: string;
  onAction: (order: ClientOrder, action: OrderAction) => void;
}

export function RowDetails({ order, discounts, canRefund, numberId, onAction }: RowDetailsProps) {
  return (
    <>
      <ReceiptButton orderId={order.id} number={order.number} />
      {canRefund && (order.payments ?? []).length > 0 ? (
        <button type="button" aria-describedby={numberId} onClick={() => onAction(order, { kind: 'refund' })}>
          {t('order.refunds')}
        </button>
      ) : null}
      {discounts && (discounts.length > 0 || order.discount) ? (
        <OrderDiscount
          order={order}
          discounts={discounts}
          describedBy={numberId}
          onChange={(discount) => onAction(order, { kind: 'discount', discount })}
        />
      ) : null}
    </>
  );
}
