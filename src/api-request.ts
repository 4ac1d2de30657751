// Plain API calls the page makes itself (pairing, device management): never queued, never retried. Every
// failure becomes an ApiRequestError whose message is fit to show: the words for the server's error code in
// the active language, the server's own message for a code without words (error-words.ts).
import { errorWords } from './error-words.ts';
import { t, whenAllWords } from './i18n.ts';

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
