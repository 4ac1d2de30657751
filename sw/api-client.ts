// One HTTP exchange with the API, reduced to the facts classify-response.ts decides on. Never throws:
// network failures and timeouts are facts too.

import { API_HEADER, IDEMPOTENCY_HEADER } from '../protocol/api.ts';
import type { ExchangeFacts } from './classify-response.ts';
import type { EngineDeps } from './engine-context.ts';

export const REQUEST_TIMEOUT_MS = 10_000;

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  idempotencyKey?: string;
  body?: unknown;
}

export async function exchange(deps: EngineDeps, request: ApiRequest): Promise<ExchangeFacts> {
  const controller = new AbortController();
  // A hung connection must not stall the serial outbox forever.
  const timer = deps.timers.setTimeout(() => controller.abort(), deps.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.idempotencyKey) headers[IDEMPOTENCY_HEADER] = request.idempotencyKey;
    const response = await deps.fetch(new URL(request.path, deps.baseUrl).href, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      cache: 'no-store',
      signal: controller.signal,
    });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = undefined; // not JSON: classify-response treats it as a non-API answer
    }
    return {
      kind: 'response',
      status: response.status,
      apiHeader: response.headers.get(API_HEADER),
      retryAfter: response.headers.get('retry-after'),
      body,
    };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'timeout' };
    return { kind: 'network-error', message: error instanceof Error ? error.message : String(error) };
  } finally {
    deps.timers.clearTimeout(timer);
  }
}
