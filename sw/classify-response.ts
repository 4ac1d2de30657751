// Decides what an outbox or pull exchange means (pure): done, retry later, a dead letter the user must see, or
// signed out. Principle 5: only a 2xx carrying the API header and a valid API body counts as done.

export type ExchangeFacts =
  | { kind: 'network-error'; message: string }
  | { kind: 'timeout' }
  | {
      kind: 'response';
      status: number;
      /** Value of X-Orderline-Api, null when absent (a captive portal or a proxy answered). */
      apiHeader: string | null;
      retryAfter: string | null;
      /** Parsed JSON, or undefined when the body was not JSON. */
      body: unknown;
    };

export type RetryReason = 'network' | 'timeout' | 'server-error' | 'busy' | 'not-api';

export type Classification<T> =
  | { outcome: 'done'; value: T }
  | {
      outcome: 'retry';
      reason: RetryReason;
      /** The server's Retry-After header, raw (see parseRetryAfterMs). */
      retryAfter: string | null;
      /** True when the API itself answered (so the server is reachable, just not able right now). */
      serverReached: boolean;
    }
  | { outcome: 'dead'; httpStatus: number; code: string; message: string }
  /**
   * The API answered 401: this device's credential is missing, unknown or revoked (principle 13). Not a
   * failure of the request: nothing is counted against it, and it is sent again once the device is paired.
   */
  | { outcome: 'signed-out' };

function errorBody(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

export function classifyResponse<T>(
  facts: ExchangeFacts,
  isValid: (body: unknown) => body is T,
): Classification<T> {
  if (facts.kind === 'network-error') {
    return { outcome: 'retry', reason: 'network', retryAfter: null, serverReached: false };
  }
  if (facts.kind === 'timeout') {
    return { outcome: 'retry', reason: 'timeout', retryAfter: null, serverReached: false };
  }
  const { status, apiHeader, retryAfter, body } = facts;
  const fromApi = apiHeader === '1';
  // Without the header (or without JSON) this was not our server: a captive portal, a proxy page, a CDN error.
  if (!fromApi || body === undefined) {
    return { outcome: 'retry', reason: 'not-api', retryAfter, serverReached: false };
  }
  if (status >= 200 && status < 300) {
    return isValid(body)
      ? { outcome: 'done', value: body }
      : { outcome: 'retry', reason: 'not-api', retryAfter, serverReached: false };
  }
  // A 409 that names a state the intent can never pass (Part 3: `drawer_already_open`, `no_open_drawer`,
  // `order_finished`) is a refusal like a 422: resending cannot help, so it waits for the user.
  const conflict = status === 409 ? errorBody(body)?.code : undefined;
  if (conflict !== undefined && conflict !== 'in_progress') {
    return { outcome: 'dead', httpStatus: status, code: conflict, message: errorBody(body)?.message ?? '' };
  }
  // 409 in_progress = the same key is being applied right now; 408/429 = slow down. All safe to resend.
  if (status === 408 || status === 409 || status === 429) {
    return { outcome: 'retry', reason: 'busy', retryAfter, serverReached: true };
  }
  if (status >= 500) {
    return { outcome: 'retry', reason: 'server-error', retryAfter, serverReached: true };
  }
  if (status === 401) return { outcome: 'signed-out' };
  if (status >= 400) {
    // 400, 403 (a role without the right, device_mismatch), 404 (the order is unknown although its create was
    // confirmed first), 413, 415, 422: resending the same request can never succeed, so it waits for the user
    // instead of retrying forever.
    const error = errorBody(body);
    return {
      outcome: 'dead',
      httpStatus: status,
      code: error?.code ?? `http_${status}`,
      message: error?.message ?? `The server rejected the request (HTTP ${status}).`,
    };
  }
  // 1xx/3xx reaching us here is not an API answer.
  return { outcome: 'retry', reason: 'not-api', retryAfter, serverReached: false };
}
