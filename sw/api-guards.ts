// Type guards for API response bodies, so a 2xx only counts as done when its body really is an API answer.
// Light on purpose (no schema library in the worker bundle); checks the fields the SW relies on.

import type { ChangesResponse } from '../protocol/api.ts';
import type { DeviceIdentity } from '../protocol/messages.ts';
import { ROLES, type Role } from '../protocol/roles.ts';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../protocol/order.ts';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STATUSES: ReadonlySet<string> = new Set<OrderStatus>(ORDER_STATUSES);

export function isOrder(value: unknown): value is Order {
  if (!isRecord(value)) return false;
  const o = value;
  return (
    typeof o.id === 'string' &&
    typeof o.number === 'string' &&
    typeof o.deviceId === 'string' &&
    typeof o.customerName === 'string' &&
    typeof o.note === 'string' &&
    Array.isArray(o.items) &&
    o.items.every(
      (item) =>
        isRecord(item) &&
        typeof item.menuItemId === 'string' &&
        typeof item.name === 'string' &&
        typeof item.qty === 'number' &&
        typeof item.unitPriceCents === 'number',
    ) &&
    typeof o.totalCents === 'number' &&
    typeof o.status === 'string' &&
    STATUSES.has(o.status) &&
    typeof o.paid === 'boolean' &&
    typeof o.createdAt === 'string' &&
    typeof o.receivedAt === 'string' &&
    typeof o.updatedAt === 'string' &&
    typeof o.seq === 'number'
  );
}

export function isChangesResponse(value: unknown): value is ChangesResponse {
  return (
    isRecord(value) &&
    Array.isArray(value.orders) &&
    value.orders.every(isOrder) &&
    typeof value.cursor === 'number' &&
    typeof value.more === 'boolean' &&
    typeof value.reset === 'boolean'
  );
}

const ROLE_SET: ReadonlySet<string> = new Set<Role>(ROLES);

/** GET /api/me: the paired device's identity. */
export function isDeviceIdentity(value: unknown): value is DeviceIdentity {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.role === 'string' &&
    ROLE_SET.has(value.role) &&
    typeof value.code === 'string'
  );
}
