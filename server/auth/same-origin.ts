// CSRF defence for writes authenticated by the cookie (DESIGN.md principle 14): a JSON body and, when
// the browser names the page's origin, our own. SameSite=Strict already keeps the cookie off other
// sites' requests; this is the second lock, for old browsers and same-site subdomains.

import type { FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type OriginVerdict = 'ok' | 'not_json' | 'foreign_origin';

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** A request without a body (DELETE) cannot carry a form; it still needs our Origin when one is sent. */
function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export function checkCookieWrite(request: FastifyRequest): OriginVerdict {
  if (SAFE_METHODS.has(request.method)) return 'ok';
  if ((hasBody(request) || request.method !== 'DELETE') && !isJson(request.headers['content-type'])) {
    return 'not_json';
  }
  const origin = request.headers.origin;
  if (origin === undefined) return 'ok';
  return origin.toLowerCase() === `${request.protocol}://${request.host}`.toLowerCase()
    ? 'ok'
    : 'foreign_origin';
}
