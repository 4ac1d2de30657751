// Resolves a presented credential to the device it belongs to. Caches token hash → device, and drops
// a device's entries the moment the device store reports it changed (this instance at once, other
// PostgreSQL instances through NOTIFY), so revocation and role changes are never served from cache.

import type { DeviceRecord, DeviceStore } from '../store/device-store.ts';
import { hashSecret, secretsEqual } from './credentials.ts';
import type { AuthenticatedDevice } from './route-access.ts';

/** The identity of ORDERLINE_ADMIN_TOKEN: an owner that is no paired device. */
export const ADMIN_DEVICE: AuthenticatedDevice = Object.freeze({
  id: '00000000-0000-0000-0000-000000000000',
  name: 'admin token',
  role: 'owner',
  code: '',
  admin: true,
});

export const ADMIN_TOKEN_MIN_LENGTH = 32;
/** last_seen_at is written at most this often per device: a write per request would cost every read. */
export const TOUCH_INTERVAL_MS = 60_000;
/** A safety net only (a NOTIFY lost while the listener reconnected is covered by its reconnect nudge). */
const CACHE_TTL_MS = 60_000;
const CACHE_MAX_ENTRIES = 10_000;
/**
 * Unknown credentials are remembered this long (bounded, oldest dropped first): a script looping with a stale or
 * made-up token costs one lookup, not one per request. Short, because a NOTIFY-less miss must not linger.
 */
const UNKNOWN_TTL_MS = 10_000;
const UNKNOWN_MAX_ENTRIES = 10_000;
/** What newCredential() makes: 32 bytes base64url. Anything else cannot be a device credential. */
const CREDENTIAL_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface Authenticator {
  /** The device this credential belongs to; null when unknown or revoked. */
  resolve(token: string): Promise<AuthenticatedDevice | null>;
  /** True when the device's last-seen time is due for a write (and records that it is being written). */
  dueForTouch(deviceId: string): boolean;
  /** Forget cached entries of this device ('' = of every device). */
  invalidate(deviceId: string): void;
}

export interface AuthenticatorOptions {
  devices: DeviceStore;
  adminToken?: string;
  now: () => Date;
}

/** Start-up check of ORDERLINE_ADMIN_TOKEN: a short token is a configuration error, not a weak default. */
export function checkAdminToken(token: string | undefined): void {
  if (token !== undefined && token.length < ADMIN_TOKEN_MIN_LENGTH) {
    throw new Error(
      `ORDERLINE_ADMIN_TOKEN must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters (got ${token.length}); ` +
        'generate one with: openssl rand -base64 32',
    );
  }
}

/** ORDERLINE_METRICS_TOKEN reads every counter of the shop: as long as the admin token, or no start. */
export function checkMetricsToken(token: string | undefined): void {
  if (token !== undefined && token.length < ADMIN_TOKEN_MIN_LENGTH) {
    throw new Error(
      `ORDERLINE_METRICS_TOKEN must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters (got ${token.length}); ` +
        'generate one with: openssl rand -base64 32',
    );
  }
}

function asAuthenticated(record: DeviceRecord): AuthenticatedDevice {
  return { id: record.id, name: record.name, role: record.role, code: record.code, admin: false };
}

export function createAuthenticator({ devices, adminToken, now }: AuthenticatorOptions): Authenticator {
  checkAdminToken(adminToken);
  const cache = new Map<string, { record: DeviceRecord; until: number }>();
  const lastTouched = new Map<string, number>();
  // Insertion order = age: the first key is the oldest, dropped when full (an LRU for entries that never hit twice
  // in a row would cost more than it saves).
  const unknown = new Map<string, number>();

  function rememberUnknown(hash: string, at: number): void {
    unknown.delete(hash);
    if (unknown.size >= UNKNOWN_MAX_ENTRIES) unknown.delete(unknown.keys().next().value as string);
    unknown.set(hash, at + UNKNOWN_TTL_MS);
  }

  return {
    async resolve(token) {
      if (adminToken !== undefined && secretsEqual(token, adminToken)) return ADMIN_DEVICE;
      if (!CREDENTIAL_SHAPE.test(token)) return null;
      const hash = hashSecret(token);
      const at = now().getTime();
      const miss = unknown.get(hash);
      if (miss !== undefined) {
        if (miss > at) return null;
        unknown.delete(hash);
      }
      const hit = cache.get(hash);
      let record = hit && hit.until > at ? hit.record : null;
      if (!record) {
        record = await devices.findByTokenHash(hash);
        if (!record) {
          rememberUnknown(hash, at);
          return null;
        }
        if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
        cache.set(hash, { record, until: at + CACHE_TTL_MS });
      }
      return record.revokedAt === null ? asAuthenticated(record) : null;
    },

    dueForTouch(deviceId) {
      const at = now().getTime();
      const last = lastTouched.get(deviceId);
      if (last !== undefined && at - last < TOUCH_INTERVAL_MS) return false;
      if (lastTouched.size >= CACHE_MAX_ENTRIES) lastTouched.clear();
      lastTouched.set(deviceId, at);
      return true;
    },

    invalidate(deviceId) {
      if (deviceId === '') {
        cache.clear();
        unknown.clear();
        return;
      }
      for (const [hash, entry] of cache) if (entry.record.id === deviceId) cache.delete(hash);
    },
  };
}
