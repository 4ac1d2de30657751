// The device credential cookie (DESIGN.md principle 14): HttpOnly, SameSite=Strict, Path=/, Secure
// over HTTPS, 400 days, renewed on use so an active device never expires.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_COOKIE } from '../../protocol/pairing.ts';

/** Browsers cap cookie lifetime at 400 days (RFC 6265bis); renewal keeps active devices signed in. */
export const DEVICE_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;

export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: request.protocol === 'https',
    maxAge: DEVICE_COOKIE_MAX_AGE_S,
  });
}
