// Builders for valid API requests and a memory-backed app, shared by the server tests.

import { v7 as uuidv7 } from 'uuid';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../../server/app.ts';
import { openMemoryStore } from './memory-store.ts';
import type { OrderStore } from '../../../server/store/order-store.ts';
import type { CreateOrderBody } from '../../../protocol/schemas.ts';
import type { MenuItem } from '../../../protocol/menu.ts';
import { SAMPLE_MENU } from '../../../server/menu.ts';

export const DEVICE_ID = '0192d2a4-6c1e-7000-8000-00000000d001';

/** The owner bearer token (ORDERLINE_ADMIN_TOKEN) every memory app is built with. */
export const TEST_ADMIN_TOKEN = 'orderline-test-admin-token-0123456789abcdef';
/** Headers that authenticate a request as the owner, through the admin token. */
export const OWNER_AUTH = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } as const;

let counter = 0;

export function createBody(overrides: Partial<CreateOrderBody> = {}): CreateOrderBody {
  counter += 1;
  return {
    id: uuidv7(),
    number: `A-${String(counter).padStart(3, '0')}`,
    deviceId: DEVICE_ID,
    createdAt: new Date(Date.UTC(2026, 10, 25, 8, 0, 0, counter)).toISOString(),
    customerName: 'Ada',
    items: [
      { menuItemId: 'flat-white', qty: 2 },
      { menuItemId: 'croissant', qty: 1, note: 'warm' },
    ],
    ...overrides,
  };
}

/** A create body as device `device` would send it: its id, and a ticket number with its own code. */
export function createBodyFor(
  device: { id: string; code: string },
  overrides: Partial<CreateOrderBody> = {},
): CreateOrderBody {
  const body = createBody({ deviceId: device.id, ...overrides });
  return { ...body, number: overrides.number ?? body.number.replace(/^A-/, `${device.code}-`) };
}

export interface TestApp {
  app: FastifyInstance;
  store: OrderStore;
  close(): Promise<void>;
}

export async function memoryApp(options: Partial<BuildAppOptions> = {}): Promise<TestApp> {
  const store = await openMemoryStore();
  const app = await buildApp({
    store,
    rateLimit: false,
    distDir: '/nonexistent-orderline-dist',
    adminToken: TEST_ADMIN_TOKEN,
    // The Host allowlist: the localhost names and the LAN name the cookie tests use.
    allowedHosts: ['localhost', '127.0.0.1', '::1', 'shop.local'],
    ...options,
    // Overload shedding would turn a busy test machine into 503s; the limits tests turn it on.
    limits: { maxEventLoopDelayMs: 0, ...options.limits },
  });
  return {
    app,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export function postOrder(
  app: FastifyInstance,
  body: unknown,
  /** null sends no Idempotency-Key header. */
  key: string | null = (body as { id?: string }).id ?? null,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/orders',
    headers: {
      ...OWNER_AUTH,
      'content-type': 'application/json',
      ...(key === null ? {} : { 'idempotency-key': key }),
    },
    payload: JSON.stringify(body),
  });
}

export function patchOrder(
  app: FastifyInstance,
  id: string,
  body: unknown,
  /** null sends no Idempotency-Key header. */
  key: string | null = uuidv7(),
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'PATCH',
    url: `/api/orders/${id}`,
    headers: {
      ...OWNER_AUTH,
      'content-type': 'application/json',
      ...(key === null ? {} : { 'idempotency-key': key }),
    },
    payload: JSON.stringify(body),
  });
}

export { uuidv7 };

/** The seeded sample menu's item by id (version 1 of every memory app). */
export function sampleMenuItem(id: string): MenuItem | undefined {
  return SAMPLE_MENU.items.find((item) => item.id === id);
}
