// HTTP payloads and error codes of the Orderline API (DESIGN.md "HTTP API"). Types only, plus the
// constants both sides must agree on.

import type { Drawer, ZReport } from './drawer.ts';
import type { Order } from './order.ts';

/** Every /api/* response carries this header; its absence marks a non-API answer (captive portal). */
export const API_HEADER = 'x-orderline-api';
export const API_HEADER_VALUE = '1';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export const MAX_BODY_BYTES = 64 * 1024;
export const CHANGES_DEFAULT_LIMIT = 500;
export const CHANGES_MAX_LIMIT = 1000;
/** A changes page, snapshot page or active-list page holds at most this much JSON (DESIGN.md Limits). */
export const MAX_PAGE_BYTES = 1024 * 1024;
/** POST /api/batch carries 1..100 mutations. */
export const MAX_BATCH_MUTATIONS = 100;
/** Server sends a named heartbeat event this often; clients call a stream dead after 25 s of silence. */
export const HEARTBEAT_MS = 10_000;
export const STREAM_DEAD_AFTER_MS = 25_000;

export type ErrorCode =
  | 'invalid_body'
  | 'invalid_idempotency_key'
  | 'invalid_query'
  | 'not_found'
  | 'unknown_menu_item'
  | 'unknown_menu_version'
  | 'unknown_category'
  | 'version_conflict'
  | 'invalid_id'
  | 'invalid_header'
  | 'idempotency_mismatch'
  | 'in_progress'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  // Plain HTTP from another machine: the API answers only over HTTPS (DESIGN.md Part 2, principle 11).
  | 'https_required'
  | 'too_many_streams'
  | 'misdirected'
  | 'malformed_url'
  | 'unavailable'
  | 'internal'
  // Part 2: pairing, credentials and roles (DESIGN.md principles 12–14).
  | 'unauthenticated'
  | 'forbidden'
  | 'device_mismatch'
  | 'wrong_ticket_code'
  | 'invalid_pairing_code'
  | 'bad_origin'
  | 'device_codes_exhausted'
  // Part 3: options, tax rates and discounts (DESIGN.md principles 18-20).
  | 'unknown_option_group'
  | 'unknown_tax_rate'
  | 'invalid_menu'
  | 'invalid_options'
  | 'unknown_discount'
  | 'order_finished'
  // Part 3: printing (principle 23).
  | 'no_printer'
  | 'job_not_queued'
  // Part 3: payments, refunds and drawers (principles 21-22).
  | 'unknown_payment'
  | 'refund_exceeds_payment'
  | 'drawer_already_open'
  | 'no_open_drawer';

export interface ApiError {
  error: { code: ErrorCode; message: string };
}

export type { MenuCategory, MenuEventData, MenuItem, MenuResponse } from './menu.ts';

/** One page of the active list (newest first); `cursor` is the feed seq, `nextCursor` the next page's token. */
export interface ActiveOrdersResponse {
  orders: Order[];
  cursor: number;
  more?: boolean;
  nextCursor?: string;
}

/**
 * A changes page. With `reset: true` it is a page of the active snapshot as of `cursor` (the same on every
 * page of one reset); while `more`, the next page is `?since=<cursor>&snapshotAfter=<snapshotAfter>`, and the
 * client replaces its cache only once it has the last page.
 */
export interface ChangesResponse {
  orders: Order[];
  cursor: number;
  more: boolean;
  reset: boolean;
  snapshotAfter?: number;
}

/** One mutation of POST /api/batch: exactly what the lone request would carry (key = Idempotency-Key). */
export type BatchMutation =
  | { op: 'create'; key: string; body: unknown }
  | { op: 'patch' | 'payment' | 'refund'; key: string; orderId: string; body: unknown }
  | { op: DrawerOp; key: string; body: unknown };

/** Batch ops of the drawer (principle 22): `{ op, key, body }`, no order. */
export type DrawerOp = 'drawer-open' | 'drawer-move' | 'drawer-close';

export interface BatchRequest {
  mutations: BatchMutation[];
}

/** The answer the mutation would have had alone: its status and its body (an order or an error). */
export interface BatchResult {
  status: number;
  order?: Order;
  /** drawer-open, drawer-move: the open drawer after the intent. */
  drawer?: Drawer;
  /** drawer-close: the Z report (the same one on a replay). */
  report?: ZReport;
  error?: ApiError['error'];
}

export interface BatchResponse {
  results: BatchResult[];
}

/** `data` of an SSE `orders` event; the event's `id` equals `cursor`. */
export interface PushEventData {
  cursor: number;
  orders: Order[];
}

export interface HealthResponse {
  ok: true;
  db: 'pglite' | 'postgres';
}
