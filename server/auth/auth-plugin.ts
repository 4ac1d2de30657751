// The auth hook: on every route (a route-level onRequest hook, after the rate limiter), the credential
// (Bearer header, else the orderline_device cookie) is resolved and the route's `config.access` decides 401/403. An /api
// route without `access` is owner-only, so a forgotten declaration fails closed.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_COOKIE } from '../../protocol/pairing.ts';
import { ACCESS, roleAllows, type Access } from '../../protocol/roles.ts';
import { sendError } from '../api-error.ts';
import type { DeviceStore } from '../store/device-store.ts';
import type { Authenticator } from './authenticate.ts';
import { secretsEqual } from './credentials.ts';
import { setDeviceCookie } from './device-cookie.ts';
import './route-access.ts';
import { checkCookieWrite } from './same-origin.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route also accepts `Authorization: Bearer <ORDERLINE_METRICS_TOKEN>` (GET /metrics). */
    metricsToken?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered after the hook, with the access it ends up with (the route × role test reads it). */
    routeAccessTable: RouteAccessEntry[];
  }
}

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: Access;
}

export interface AuthHookOptions {
  authenticator: Authenticator;
  devices: DeviceStore;
  metricsToken?: string;
  now: () => Date;
}

export interface Credential {
  token: string;
  via: 'bearer' | 'cookie';
}

const BEARER = /^Bearer +([^\s]+) *$/i;

/** The credential a request presents (Bearer first, else the device cookie), known device or not. */
export function readCredential(request: FastifyRequest): Credential | null {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = BEARER.exec(header);
    // A malformed Authorization header is no credential; it does not fall back to the cookie.
    return match?.[1] ? { token: match[1], via: 'bearer' } : null;
  }
  const cookie = request.cookies[DEVICE_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

function accessFor(declared: Access | undefined, url: string): Access {
  if (declared !== undefined) return declared;
  return isApiPath(url) ? ACCESS.ownerOnly : ACCESS.public;
}

/**
 * What a matched route requires: its declaration, else owner-only when the route's path is under /api
 * and public elsewhere. Judged by the route's pattern, not the URL: the static files' `/*` route is
 * not an API route even when it is asked for /api/nope (which it answers with the API's 404).
 */
export function routeAccess(request: FastifyRequest): Access {
  return accessFor(request.routeOptions.config.access, request.routeOptions.url ?? request.url);
}

export function installAuthHook(app: FastifyInstance, options: AuthHookOptions): void {
  const { authenticator, devices, metricsToken, now } = options;
  app.decorateRequest('device', null);
  const table: RouteAccessEntry[] = [];
  app.decorate('routeAccessTable', table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const declared = (route.config as { access?: Access } | undefined)?.access;
    for (const method of methods)
      table.push({ method, url: route.url, access: accessFor(declared, route.url) });
    // A route-level hook, appended after the rate limiter's (also route-level, added by its own onRoute
    // hook registered before this one): a flood of made-up credentials is throttled before any lookup.
    const existing = route.onRequest;
    const before = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
    route.onRequest = [...before, authenticate];
  });

  async function authenticate(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    const credential = readCredential(request);
    const access = routeAccess(request);
    if (
      credential?.via === 'bearer' &&
      request.routeOptions.config.metricsToken &&
      metricsToken !== undefined &&
      secretsEqual(credential.token, metricsToken)
    ) {
      return undefined;
    }
    request.device = credential ? await authenticator.resolve(credential.token) : null;
    if (access === 'public' && request.device === null) return undefined;
    if (request.device === null) {
      return sendError(
        reply,
        401,
        'unauthenticated',
        'this device is not paired (missing, unknown or revoked credential)',
      );
    }
    if (credential?.via === 'cookie') {
      switch (checkCookieWrite(request)) {
        case 'ok':
          break;
        case 'not_json':
          return sendError(
            reply,
            403,
            'bad_origin',
            'writes with the device cookie must send Content-Type: application/json',
          );
        case 'foreign_origin':
          return sendError(reply, 403, 'bad_origin', 'this request comes from another origin');
      }
    }
    if (!roleAllows(access, request.device.role)) {
      return sendError(reply, 403, 'forbidden', `a ${request.device.role} device may not do this`);
    }
    const device = request.device;
    if (!device.admin && authenticator.dueForTouch(device.id)) {
      devices.touch(device.id, now().toISOString()).catch((error: unknown) => {
        request.log.warn({ err: error, deviceId: device.id }, 'could not record when a device was last seen');
      });
      if (credential?.via === 'cookie') setDeviceCookie(request, reply, credential.token);
    }
    return undefined;
  }
}
