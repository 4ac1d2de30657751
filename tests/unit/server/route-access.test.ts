// Route × role: every route the app registers (read from the app itself, so a new route without a row
// here fails) is called with every kind of caller, and answers 401, 403 or gets through exactly as
// DESIGN.md Part 2 says. "Gets through" means the handler ran: any answer but 401/403 from the hook.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../protocol/api.ts';
import { ACCESS, type Access, type Role } from '../../../protocol/roles.ts';
import { buildApp } from '../../../server/app.ts';
import { OWNER_AUTH, TEST_ADMIN_TOKEN, memoryApp, type TestApp } from './order-fixtures.ts';
import { pairDevice, revoke } from './device-fixtures.ts';

/** The contract: one row per method and route. HEAD rows follow their GET. */
const EXPECTED: Record<string, Access> = {
  'GET /api/menu': ACCESS.read,
  'PUT /api/menu/items/:id': ['owner'],
  'DELETE /api/menu/items/:id': ['owner'],
  'PUT /api/menu/categories/:id': ['owner'],
  'PATCH /api/menu': ['owner'],
  'PUT /api/menu/tax-rates/:id': ['owner'],
  'PUT /api/menu/option-groups/:id': ['owner'],
  'DELETE /api/menu/option-groups/:id': ['owner'],
  'PUT /api/menu/discounts/:id': ['owner'],
  'GET /api/menu/export': ['owner'],
  'POST /api/menu/import': ['owner'],
  'GET /api/settings': ACCESS.read,
  'PUT /api/settings': ['owner'],
  'PATCH /api/settings': ['owner'],
  'POST /api/orders': ['owner', 'counter'],
  'PATCH /api/orders/:id': ['owner', 'counter', 'kitchen'],
  'GET /api/orders': ACCESS.read,
  'GET /api/orders/changes': ACCESS.read,
  'POST /api/batch': ACCESS.changeOrder,
  'GET /api/orders/history': ['owner', 'counter'],
  'GET /api/reports/day': ['owner'],
  'POST /api/telemetry': ACCESS.anyDevice,
  'GET /api/telemetry/devices': ['owner'],
  'GET /api/orders/:id': ACCESS.read,
  'GET /api/events': ACCESS.read,
  'GET /api/setup': 'public',
  'POST /api/pairings': ['owner'],
  'POST /api/pair': 'public',
  'GET /api/me': ACCESS.anyDevice,
  'GET /api/devices': ['owner'],
  'PATCH /api/devices/:id': ['owner'],
  'DELETE /api/devices/:id': ['owner'],
  'GET /api/backups': ['owner'],
  'GET /api/backups/latest': ['owner'],
  // Public at the hook (a local `npm run backup` presents the token of server.json, no device credential);
  // the handler lets only the owner through otherwise (HANDLER_ACCESS).
  'POST /api/backups': 'public',
  'GET /api/printers': ['owner'],
  'PUT /api/printers/:id': ['owner'],
  'DELETE /api/printers/:id': ['owner'],
  'POST /api/printers/:id/test': ['owner'],
  'GET /api/print-jobs': ['owner'],
  'DELETE /api/print-jobs/:id': ['owner'],
  'GET /api/orders/:id/receipt': ['owner', 'counter'],
  'POST /api/orders/:id/print': ['owner', 'counter'],
  // Part 3 money (principles 21-22): kitchen and display never pay; only the owner refunds and reads Z reports.
  'POST /api/orders/:id/payments': ['owner', 'counter'],
  'POST /api/orders/:id/refunds': ['owner'],
  'POST /api/drawer/open': ['owner', 'counter'],
  'POST /api/drawer/movements': ['owner', 'counter'],
  'POST /api/drawer/close': ['owner', 'counter'],
  'GET /api/drawer': ['owner', 'counter'],
  'GET /api/reports/z/:number': ['owner'],
  'GET /api/reports/z': ['owner'],
  'GET /healthz': 'public',
  'GET /metrics': ['owner'],
  // Without a build, `/` explains how to make one.
  'GET /': 'public',
};

/** Routes public at the hook whose handler enforces roles itself: what callers end up with. */
const HANDLER_ACCESS: Record<string, Access> = { 'POST /api/backups': ['owner'] };

/** Requests that reach a handler without side effects worth having (and without opening a stream). */
const QUERY: Record<string, string> = { 'GET /api/events': '?since=not-a-number' };

type Caller = 'none' | 'unknown' | 'revoked' | Role | 'admin';
const CALLERS: readonly Caller[] = [
  'none',
  'unknown',
  'revoked',
  'owner',
  'counter',
  'kitchen',
  'display',
  'admin',
];

let t: TestApp;
const headersFor: Partial<Record<Caller, Record<string, string>>> = {};

beforeAll(async () => {
  t = await memoryApp();
  headersFor.none = {};
  headersFor.unknown = { authorization: 'Bearer 6QxkQ0bq9cQkS0m9dZ2m1mVx1s9m0Y0tFqU4ZQp0b1E' };
  headersFor.admin = OWNER_AUTH;
  for (const role of ['owner', 'counter', 'kitchen', 'display'] as const) {
    headersFor[role] = (await pairDevice(t.app, role)).auth;
  }
  const revoked = await pairDevice(t.app, 'owner');
  await revoke(t.app, revoked.id);
  headersFor.revoked = revoked.auth;
}, 180_000);
afterAll(async () => {
  await t?.close();
});

function expectedStatus(access: Access, caller: Caller): 'through' | 401 | 403 {
  if (access === 'public') return 'through';
  switch (caller) {
    case 'none':
    case 'unknown':
    case 'revoked':
      return 401;
    case 'admin':
      return 'through';
    case 'owner':
    case 'counter':
    case 'kitchen':
    case 'display':
      return access.includes(caller) ? 'through' : 403;
  }
}

describe('route × role', () => {
  it('every registered route has a row in the table, and every row is a registered route', () => {
    const registered = t.app.routeAccessTable
      .filter((route) => route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url}`)
      .sort();
    expect(registered).toEqual(Object.keys(EXPECTED).sort());
  });

  it('each route declares the access of the table', () => {
    for (const route of t.app.routeAccessTable.filter((r) => r.method !== 'HEAD')) {
      expect([route.method, route.url, route.access]).toEqual([
        route.method,
        route.url,
        EXPECTED[`${route.method} ${route.url}`],
      ]);
    }
  });

  it('answers each caller 401, 403 or lets it through as the table says', async () => {
    const outcomes: string[] = [];
    const wanted: string[] = [];
    for (const route of t.app.routeAccessTable) {
      const key = `${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`;
      const access = EXPECTED[key];
      if (access === undefined) continue;
      const url = route.url.replace(':id', '0192d2a4-6c1e-7000-8000-0000000000aa') + (QUERY[key] ?? '');
      for (const caller of CALLERS) {
        const hasBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
        const res = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: { ...headersFor[caller], ...(hasBody ? { 'content-type': 'application/json' } : {}) },
          ...(hasBody ? { payload: '{}' } : {}),
        });
        let code = '';
        if (res.statusCode === 401 || res.statusCode === 403) {
          code = route.method === 'HEAD' ? '' : res.json<ApiError>().error.code;
        }
        const got =
          res.statusCode === 401 && (code === 'unauthenticated' || route.method === 'HEAD')
            ? 401
            : res.statusCode === 403 && (code === 'forbidden' || route.method === 'HEAD')
              ? 403
              : 'through';
        outcomes.push(`${route.method} ${route.url} as ${caller}: ${got}`);
        wanted.push(
          `${route.method} ${route.url} as ${caller}: ${expectedStatus(HANDLER_ACCESS[key] ?? access, caller)}`,
        );
      }
    }
    expect(outcomes).toEqual(wanted);
  });

  it('a route that declares no access is owner-only under /api and public elsewhere (fails closed)', async () => {
    const app = await buildApp({
      store: t.store,
      rateLimit: false,
      distDir: '/nonexistent-orderline-dist',
      adminToken: TEST_ADMIN_TOKEN,
    });
    app.get('/api/forgot-to-declare', async () => ({ ok: true }));
    app.get('/outside-api', async () => ({ ok: true }));
    try {
      const status = async (url: string, caller: Caller) =>
        (await app.inject({ url, headers: headersFor[caller] })).statusCode;
      expect(await status('/api/forgot-to-declare', 'none')).toBe(401);
      expect(await status('/api/forgot-to-declare', 'counter')).toBe(403);
      expect(await status('/api/forgot-to-declare', 'owner')).toBe(200);
      expect(await status('/outside-api', 'none')).toBe(200);
    } finally {
      await app.close();
    }
  });
});
