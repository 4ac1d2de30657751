// The outbox's classification table (DESIGN.md principles 5 and 13): done, retry, dead letter, or signed out.
import { describe, expect, it } from 'vitest';
import { classifyResponse, type ExchangeFacts } from '../../../sw/classify-response.ts';

const isOk = (body: unknown): body is { ok: true } =>
  typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === true;

function response(
  status: number,
  body: unknown,
  apiHeader: string | null = '1',
  retryAfter: string | null = null,
): ExchangeFacts {
  return { kind: 'response', status, apiHeader, retryAfter, body };
}

const apiError = (code: string, message: string) => ({ error: { code, message } });

describe('classifyResponse', () => {
  it.each([
    ['a 200 with the API header and a valid body', response(200, { ok: true }), 'done'],
    ['a 201 with the API header and a valid body', response(201, { ok: true }), 'done'],
    ['a 2xx whose body is not a valid API answer', response(200, { something: 'else' }), 'retry'],
    ['a 2xx without the API header (captive portal)', response(200, { ok: true }, null), 'retry'],
    ['a 2xx with a non-JSON body', response(200, undefined), 'retry'],
    ['a network error', { kind: 'network-error', message: 'Failed to fetch' } as ExchangeFacts, 'retry'],
    ['a timeout', { kind: 'timeout' } as ExchangeFacts, 'retry'],
    ['a 500', response(500, apiError('internal', 'boom')), 'retry'],
    ['a 503', response(503, apiError('unavailable', 'down')), 'retry'],
    ['a 502 from a proxy without the header', response(502, undefined, null), 'retry'],
    ['a 408', response(408, apiError('internal', 'slow')), 'retry'],
    ['a 429', response(429, apiError('rate_limited', 'slow down')), 'retry'],
    ['a 409 in_progress', response(409, apiError('in_progress', 'try later')), 'retry'],
    ['a 409 drawer_already_open (a refusal)', response(409, apiError('drawer_already_open', 'open')), 'dead'],
    ['a 409 no_open_drawer (a refusal)', response(409, apiError('no_open_drawer', 'none')), 'dead'],
    ['a 400', response(400, apiError('invalid_body', 'items: must have at least one line')), 'dead'],
    ['a 404 for an update', response(404, apiError('not_found', 'no such order')), 'dead'],
    ['a 422 unknown menu item', response(422, apiError('unknown_menu_item', 'not on the menu: x')), 'dead'],
    ['a 422 idempotency mismatch', response(422, apiError('idempotency_mismatch', 'reused key')), 'dead'],
    ['a 413', response(413, apiError('payload_too_large', 'too big')), 'dead'],
    [
      'a 401 unauthenticated (revoked or never paired)',
      response(401, apiError('unauthenticated', 'x')),
      'signed-out',
    ],
    ['a 401 without the API header (a proxy asking for a login)', response(401, undefined, null), 'retry'],
    ['a 403 forbidden (the role may not do this)', response(403, apiError('forbidden', 'no')), 'dead'],
    ['a 403 device_mismatch', response(403, apiError('device_mismatch', 'not yours')), 'dead'],
    ['a 404 without the API header (not our server)', response(404, undefined, null), 'retry'],
    ['a 302 redirect surfaced as is', response(302, undefined, null), 'retry'],
  ])('%s → %s', (_name, facts, outcome) => {
    expect(classifyResponse(facts, isOk).outcome).toBe(outcome);
  });

  it('a dead letter carries the server message and code', () => {
    const result = classifyResponse(
      response(422, apiError('unknown_menu_item', 'not on the menu: unicorn')),
      isOk,
    );
    expect(result).toEqual({
      outcome: 'dead',
      httpStatus: 422,
      code: 'unknown_menu_item',
      message: 'not on the menu: unicorn',
    });
  });

  it('a retry keeps the server Retry-After and says whether the API itself answered', () => {
    expect(classifyResponse(response(429, apiError('rate_limited', 'x'), '1', '3'), isOk)).toEqual({
      outcome: 'retry',
      reason: 'busy',
      retryAfter: '3',
      serverReached: true,
    });
    expect(classifyResponse(response(200, '<html>', null), isOk)).toMatchObject({
      outcome: 'retry',
      reason: 'not-api',
      serverReached: false,
    });
  });
});
