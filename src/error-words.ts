// The server's errors worded for people: one catalogue message per error code a person can meet on the
// screens (protocol/api.ts ErrorCode), in the active language. The server's own (English) message is kept
// as the `{detail}` the words show where it names what is wrong (the bad menu entry, the unknown item),
// and is the whole text for a code without words. Imported by lazy chunks only: its words are in `more`.
import type { ErrorCode } from '../protocol/api.ts';
import { t } from './i18n.ts';

/** Codes only a broken client or a misrouted request meets (bad ids, headers, origins) keep the server's text. */
export const ERROR_WORDS: Partial<Record<ErrorCode, string>> = {
  invalid_body: 'error.invalidBody',
  invalid_query: 'error.invalidQuery',
  not_found: 'error.notFound',
  unknown_menu_item: 'error.unknownMenuItem',
  unknown_menu_version: 'error.unknownMenuVersion',
  unknown_category: 'error.unknownCategory',
  version_conflict: 'error.versionConflict',
  idempotency_mismatch: 'error.idempotencyMismatch',
  in_progress: 'error.inProgress',
  payload_too_large: 'error.payloadTooLarge',
  rate_limited: 'app.tooManyAttempts',
  unavailable: 'error.unavailable',
  internal: 'error.internal',
  unauthenticated: 'error.unauthenticated',
  forbidden: 'error.forbidden',
  device_mismatch: 'error.deviceMismatch',
  wrong_ticket_code: 'error.wrongTicketCode',
  invalid_pairing_code: 'error.invalidPairingCode',
  device_codes_exhausted: 'error.deviceCodesExhausted',
  unknown_option_group: 'error.unknownOptionGroup',
  unknown_tax_rate: 'error.unknownTaxRate',
  invalid_menu: 'error.invalidMenu',
  invalid_options: 'error.invalidOptions',
  unknown_discount: 'error.unknownDiscount',
  order_finished: 'error.orderFinished',
  no_printer: 'error.noPrinter',
  job_not_queued: 'error.jobNotQueued',
  unknown_payment: 'error.unknownPayment',
  refund_exceeds_payment: 'error.refundExceedsPayment',
  drawer_already_open: 'error.drawerAlreadyOpen',
  no_open_drawer: 'error.noOpenDrawer',
};

/**
 * The words for `code` with the server's `message` as their detail, or null for a code without words (or
 * while the language's `more` words are not loaded yet: Lingui then answers with the id itself).
 */
export function errorWords(code: string, message: string): string | null {
  const id = Object.hasOwn(ERROR_WORDS, code) ? ERROR_WORDS[code as ErrorCode] : undefined;
  if (id === undefined) return null;
  const words = t(id, { detail: message });
  return words === id ? null : words;
}
