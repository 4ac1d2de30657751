// Security headers on every response (DESIGN.md principle 14): the strict CSP (no inline script or
// style anywhere in the build), nosniff, no referrer, and HSTS only on HTTPS responses — an HSTS
// header over plain HTTP is ignored by browsers and would only mislead.

import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/** Two years, the preload list's minimum; devices keep reaching the shop over HTTPS only. */
const HSTS = 'max-age=63072000; includeSubDomains';

export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    // useDefaults false: exactly DESIGN.md's directives (helmet would add upgrade-insecure-requests,
    // which breaks the plain-HTTP localhost address).
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
