// Plain API calls the page makes itself (pairing, device management): never queued, never retried. Every
// failure becomes an ApiRequestError whose message is fit to show: the words for the server's error code in
// the active language (the `error.*` messages of the `more` catalogue; the Needs attention list uses them too),
// the server's own message for a code without words. Lazy chunks only import this module.
import type { ErrorCode } from '../protocol/api.ts';
import { t, whenAllWords } from './i18n.ts';

/**
 * The message of each error code a person can meet on the screens (protocol/api.ts). Codes only a broken client
 * or a misrouted request meets (bad ids, headers, origins) are left out: they keep the server's text.
 */
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
 * The words for `code` in the active language, or null for a code without words (or while the language's `more`
 * words are not loaded yet: Lingui then answers with the id itself). The server's English `message` fills the
 * `{detail}` of the words that need it: the bad menu entry, the unknown item, the refused field.
 */
export function errorWords(code: string, message: string): string | null {
  const id = Object.hasOwn(ERROR_WORDS, code) ? ERROR_WORDS[code as ErrorCode] : undefined;
  if (id === undefined) return null;
  const words = t(id, { detail: message });
  return words === id ? null : words;
}

/** `status` 0 = no answer at all (offline, server down). `code` is the server's error code when it sent one. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

function serverError(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

/** Sends JSON (writes carry `Content-Type: application/json`, which the server's CSRF rule requires). */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  /** Extra request headers (the menu editor's `If-Match`). */
  headers: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiRequestError(
      0,
      'offline',
      t('app.noConnection', { error: error instanceof Error ? error.message : String(error) }),
    );
  }
  if (response.status === 204) return undefined as T;
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // Not JSON (a proxy's or captive portal's page): judged by the status below, with a message of our own.
    parsed = null;
  }
  if (!response.ok) {
    const error = serverError(parsed);
    // The error words are in the `more` catalogue: a failure before it is in waits for it.
    await whenAllWords();
    if (response.status === 429) {
      throw new ApiRequestError(429, error?.code ?? 'rate_limited', t('app.tooManyAttempts'));
    }
    throw new ApiRequestError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error
        ? (errorWords(error.code, error.message) ?? error.message)
        : t('app.serverHttp', { status: response.status }),
    );
  }
  if (parsed === null) throw new ApiRequestError(response.status, 'not_json', t('app.notJson'));
  return parsed as T;
}

/** The text to show for a failed call: `offline` when there was no answer at all, else the error's message. */
export function describeFailure(error: unknown, offline: string): string {
  if (error instanceof ApiRequestError && error.status === 0) return offline;
  return error instanceof Error ? error.message : String(error);
}
