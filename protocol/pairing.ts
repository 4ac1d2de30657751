// Pairing and device payloads (DESIGN.md "HTTP API, part 2"): valibot schemas for every request body,
// and the response types the browser branches import. Pure: no DOM, no Node.

import * as v from 'valibot';
import { ROLES, type Role } from './roles.ts';
import { UuidSchema, textSchema } from './schemas.ts';

/** Crockford base32: no I, L, O or U, so a code read aloud or typed is unambiguous. */
export const PAIRING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PAIRING_CODE_LENGTH = 8;
export const DEVICE_NAME_MAX = 60;
/** The cookie a browser's device credential travels in. */
export const DEVICE_COOKIE = 'orderline_device';

/**
 * A typed pairing code in its canonical form (8 characters, upper case, no hyphen), or null when it
 * cannot be one. Crockford's decoding rules apply: any case, hyphens and spaces ignored, I/L read as 1, O as 0.
 */
export function normalizePairingCode(input: string): string | null {
  const code = input.replace(/[-\s]/g, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  if (code.length !== PAIRING_CODE_LENGTH) return null;
  for (const char of code) if (!PAIRING_CODE_ALPHABET.includes(char)) return null;
  return code;
}

/** The form people see and type: `ABCD-EFGH`. */
export function formatPairingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export const RoleSchema = v.picklist(ROLES, `must be one of ${ROLES.join(', ')}`);

export const DeviceNameSchema = v.pipe(
  textSchema(DEVICE_NAME_MAX),
  v.trim(),
  v.minLength(1, 'must not be empty'),
);

/** POST /api/pairings (owner): a one-time code for a new device of this role. */
export const CreatePairingBodySchema = v.strictObject({
  role: RoleSchema,
  name: v.optional(DeviceNameSchema),
});
export type CreatePairingBody = v.InferOutput<typeof CreatePairingBodySchema>;

/** POST /api/pair (anyone): `deviceId` is the id a revoked browser still holds, to get it back. */
export const PairBodySchema = v.strictObject({
  // Loose here on purpose: a malformed code gets the same answer as a wrong one.
  code: v.pipe(v.string('must be a string'), v.maxLength(32, 'must be at most 32 characters')),
  name: DeviceNameSchema,
  deviceId: v.optional(UuidSchema),
});
export type PairBody = v.InferOutput<typeof PairBodySchema>;

/** PATCH /api/devices/:id (owner). */
export const PatchDeviceBodySchema = v.strictObject({
  name: v.optional(DeviceNameSchema),
  role: v.optional(RoleSchema),
});
export type PatchDeviceBody = v.InferOutput<typeof PatchDeviceBodySchema>;

/** A device as it sees itself (GET /api/me, the pairing answer). `code` is its ticket-number prefix. */
export interface DeviceIdentity {
  id: string;
  name: string;
  role: Role;
  code: string;
}

export interface PairingResponse {
  /** `ABCD-EFGH`. */
  code: string;
  expiresAt: string;
  /** The pairing screen with the code filled in (what the QR code holds). */
  pairUrl: string;
}

export interface PairResponse {
  device: DeviceIdentity;
  /** The device credential (also set as the `orderline_device` cookie). */
  token: string;
}

export interface DeviceListEntry extends DeviceIdentity {
  pairedAt: string;
  /** The device's last request (written at most once a minute per device). */
  lastSeenAt: string | null;
  revoked: boolean;
  /** Its live event stream is open now: it receives orders as they change. */
  connected: boolean;
}

export interface DevicesResponse {
  devices: DeviceListEntry[];
}

export interface SetupResponse {
  /** The request carried a valid device credential. */
  paired: boolean;
  httpsUrl: string | null;
  caFingerprint: string | null;
  ownerExists: boolean;
}
