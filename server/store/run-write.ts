// One BatchWrite inside an open transaction, dispatched to the module that owns it (orders, payments, drawers,
// Z reports). Lone requests and POST /api/batch both come through here (sql-order-store.ts).

import { unreachable } from '../../protocol/unreachable.ts';
import { moveDrawerIn, openDrawerIn, type DrawerWrite } from './drawer-store.ts';
import type { BatchWrite, BatchWriteResult } from './order-store.ts';
import { changeOrderIn, createOrderIn } from './order-writes.ts';
import { recordPaymentIn, recordRefundIn } from './payment-store.ts';
import type { SqlClient } from './sql-database.ts';
import { closeDrawerIn } from './z-report-store.ts';

/** One write inside an open transaction; `at` is the server's ISO time. */
export async function runWrite(tx: SqlClient, write: BatchWrite, at: string): Promise<BatchWriteResult> {
  switch (write.op) {
    case 'create':
      return { op: 'create', result: await createOrderIn(tx, write.order, at) };
    case 'change':
      return { op: 'change', result: await changeOrderIn(tx, write.change, at) };
    case 'payment':
      return { op: 'payment', result: await recordPaymentIn(tx, write.payment, at) };
    case 'refund':
      return { op: 'refund', result: await recordRefundIn(tx, write.refund, at) };
    case 'drawer':
      return { op: 'drawer', result: await drawerWriteIn(tx, write.drawer) };
    default:
      return unreachable(write);
  }
}

function drawerWriteIn(tx: SqlClient, write: DrawerWrite) {
  switch (write.op) {
    case 'drawer-open':
      return openDrawerIn(tx, write.body, write.fingerprint);
    case 'drawer-move':
      return moveDrawerIn(tx, write.body, write.fingerprint);
    case 'drawer-close':
      return closeDrawerIn(tx, write.body, write.fingerprint);
    default:
      return unreachable(write);
  }
}
