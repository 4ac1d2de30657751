// How a payment method reads on the money screens (pay, refund, history, report, Z report): one table of
// message ids, read in the active language.
import type { PaymentMethod } from '../protocol/order.ts';
import { t } from './i18n.ts';

const METHOD_ID: Record<PaymentMethod, string> = { cash: 'pay.cash', card: 'pay.card', other: 'pay.other' };

/** `Cash`, `Card` or `Other` in the active language (a button's name, a table's row header). */
export function methodWord(method: PaymentMethod): string {
  return t(METHOD_ID[method]);
}
