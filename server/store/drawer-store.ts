// Cash drawers (DESIGN.md Part 3, principle 22): open, paid in/out, and the implicit open of a cash payment, as
// functions over an open transaction (lone requests and POST /api/batch run the same SQL), plus the drawer read.
// Closing and the Z report are in z-report-store.ts.

import type { Drawer, DrawerMovement, MovementKind } from '../../protocol/drawer.ts';
import { expectedCashCents } from '../../protocol/drawer.ts';
import type { SqlClient } from './sql-database.ts';

export interface DrawerOpenInput {
  id: string;
  deviceId: string;
  floatCents: number;
  createdAt: string;
}
export interface DrawerMoveInput {
  id: string;
  deviceId: string;
  kind: MovementKind;
  amountCents: number;
  reason: string;
  createdAt: string;
}
export interface DrawerCloseInput {
  id: string;
  deviceId: string;
  countedCents: number;
  createdAt: string;
}

/** One drawer intent, validated; the fingerprint is its canonical body (a replay must match it). */
export type DrawerWrite =
  | { op: 'drawer-open'; body: DrawerOpenInput; fingerprint: string }
  | { op: 'drawer-move'; body: DrawerMoveInput; fingerprint: string }
  | { op: 'drawer-close'; body: DrawerCloseInput; fingerprint: string };

export type DrawerResult =
  | { kind: 'written'; drawer: Drawer }
  | { kind: 'replayed'; drawer: Drawer }
  | { kind: 'mismatch' }
  | { kind: 'already_open'; drawer: Drawer }
  | { kind: 'no_open_drawer' };

/** A drawer intent's fingerprint: its fields in a fixed order (createdAt included: it is when it happened). */
export function drawerFingerprint(body: object): string {
  return JSON.stringify(Object.entries(body).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface DrawerRow {
  id: string;
  device_id: string;
  opened_at: string;
  float_cents: number | string;
  opened_implicitly: boolean;
  fingerprint: string | null;
  closed_at: string | null;
}
const DRAWER_COLUMNS = 'id, device_id, opened_at, float_cents, opened_implicitly, fingerprint, closed_at';

/** The device's open drawer, row-locked (`lock`): a payment shares it, a close takes it exclusively. */
export async function openDrawerRow(
  tx: SqlClient,
  deviceId: string,
  lock: 'share' | 'update' | null,
): Promise<DrawerRow | null> {
  const suffix = lock === 'share' ? ' FOR SHARE' : lock === 'update' ? ' FOR UPDATE' : '';
  const rows = await tx.query<DrawerRow>(
    `SELECT ${DRAWER_COLUMNS} FROM drawers WHERE device_id = $1 AND closed_at IS NULL${suffix}`,
    [deviceId],
  );
  return rows[0] ?? null;
}

/**
 * The drawer a cash payment or cash refund counts in: the device's open one, or a new one at float 0 flagged
 * `openedImplicitly` (principle 22: money is never refused for want of a drawer). Held FOR SHARE until commit, so
 * a concurrent close waits for this payment and counts it; if a close won the race the loop opens a fresh one.
 */
export async function drawerForCash(
  tx: SqlClient,
  deviceId: string,
  openerId: string,
  at: string,
): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const open = await openDrawerRow(tx, deviceId, 'share');
    if (open) return open.id;
    await tx.query(
      `INSERT INTO drawers (id, device_id, opened_at, float_cents, opened_implicitly, fingerprint)
       VALUES ($1, $2, $3, 0, true, NULL)
       ON CONFLICT DO NOTHING`,
      [openerId, deviceId, at],
    );
  }
  throw new Error(`drawer of ${deviceId}: could not open one for ${openerId}`);
}

/** The open drawer a card or other payment is listed in (by method, on its Z report), if the device has one. */
export async function drawerIfOpen(tx: SqlClient, deviceId: string): Promise<string | null> {
  return (await openDrawerRow(tx, deviceId, 'share'))?.id ?? null;
}

/** The cash a drawer took so far, from the ledger (indexed by drawer). */
export async function drawerCash(
  tx: SqlClient,
  drawerId: string,
): Promise<{ salesCents: number; refundsCents: number }> {
  const rows = await tx.query<{ sales: number | string; refunds: number | string }>(
    `SELECT
       (SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE drawer_id = $1 AND method = 'cash') AS sales,
       (SELECT coalesce(sum(amount_cents), 0) FROM refunds WHERE drawer_id = $1 AND method = 'cash') AS refunds`,
    [drawerId],
  );
  return { salesCents: Number(rows[0]?.sales ?? 0), refundsCents: Number(rows[0]?.refunds ?? 0) };
}

export async function drawerMovements(tx: SqlClient, drawerId: string): Promise<DrawerMovement[]> {
  const rows = await tx.query<{
    id: string;
    kind: MovementKind;
    amount_cents: number | string;
    reason: string;
    created_at: string;
  }>(
    `SELECT id, kind, amount_cents, reason, created_at FROM drawer_movements WHERE drawer_id = $1
     ORDER BY created_at, id`,
    [drawerId],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    amountCents: Number(row.amount_cents),
    reason: row.reason,
    createdAt: row.created_at,
  }));
}

export function movementTotals(movements: readonly DrawerMovement[]): { inCents: number; outCents: number } {
  let inCents = 0;
  let outCents = 0;
  for (const movement of movements) {
    if (movement.kind === 'in') inCents += movement.amountCents;
    else outCents += movement.amountCents;
  }
  return { inCents, outCents };
}

async function drawerState(tx: SqlClient, row: DrawerRow): Promise<Drawer> {
  const [cash, movements] = [await drawerCash(tx, row.id), await drawerMovements(tx, row.id)];
  const totals = movementTotals(movements);
  const floatCents = Number(row.float_cents);
  return {
    id: row.id,
    deviceId: row.device_id,
    openedAt: row.opened_at,
    floatCents,
    openedImplicitly: row.opened_implicitly,
    movements,
    expectedCents: expectedCashCents({
      floatCents,
      cashSalesCents: cash.salesCents,
      cashRefundsCents: cash.refundsCents,
      paidInCents: totals.inCents,
      paidOutCents: totals.outCents,
    }),
  };
}

async function drawerById(tx: SqlClient, id: string): Promise<DrawerRow | null> {
  const rows = await tx.query<DrawerRow>(`SELECT ${DRAWER_COLUMNS} FROM drawers WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** GET /api/drawer: the device's open drawer as it stands, or null. */
export async function readOpenDrawer(db: SqlClient, deviceId: string): Promise<Drawer | null> {
  const row = await openDrawerRow(db, deviceId, null);
  return row ? drawerState(db, row) : null;
}

/** POST /api/drawer/open: 409 when the device already has one open (whoever opened it). */
export async function openDrawerIn(
  tx: SqlClient,
  body: DrawerOpenInput,
  fingerprint: string,
): Promise<DrawerResult> {
  const existing = await drawerById(tx, body.id);
  if (existing) {
    if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
    return { kind: 'replayed', drawer: await drawerState(tx, existing) };
  }
  const open = await openDrawerRow(tx, body.deviceId, 'update');
  if (open) return { kind: 'already_open', drawer: await drawerState(tx, open) };
  await tx.query(
    `INSERT INTO drawers (id, device_id, opened_at, float_cents, opened_implicitly, fingerprint)
     VALUES ($1, $2, $3, $4, false, $5)`,
    [body.id, body.deviceId, body.createdAt, body.floatCents, fingerprint],
  );
  const row = await drawerById(tx, body.id);
  if (!row) throw new Error(`drawer ${body.id}: inserted but not found`);
  return { kind: 'written', drawer: await drawerState(tx, row) };
}

/** POST /api/drawer/movements: paid in or out of the device's open drawer (409 when none is open). */
export async function moveDrawerIn(
  tx: SqlClient,
  body: DrawerMoveInput,
  fingerprint: string,
): Promise<DrawerResult> {
  const used = await tx.query<{ drawer_id: string; fingerprint: string }>(
    'SELECT drawer_id, fingerprint FROM drawer_movements WHERE id = $1',
    [body.id],
  );
  if (used[0]) {
    if (used[0].fingerprint !== fingerprint) return { kind: 'mismatch' };
    const drawer = await drawerById(tx, used[0].drawer_id);
    if (!drawer) throw new Error(`movement ${body.id}: its drawer vanished`);
    return { kind: 'replayed', drawer: await drawerState(tx, drawer) };
  }
  const open = await openDrawerRow(tx, body.deviceId, 'share');
  if (!open) return { kind: 'no_open_drawer' };
  await tx.query(
    `INSERT INTO drawer_movements (id, drawer_id, kind, amount_cents, reason, created_at, fingerprint)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [body.id, open.id, body.kind, body.amountCents, body.reason, body.createdAt, fingerprint],
  );
  return { kind: 'written', drawer: await drawerState(tx, open) };
}
