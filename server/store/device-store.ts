// Paired devices and one-time pairing codes (migration 002) over the order store's database. Secrets
// (credentials, codes) are stored only as SHA-256; the credential is returned once, at pairing.

import { randomUUID } from 'node:crypto';
import type { Role } from '../../protocol/roles.ts';
import { hashSecret, newCredential, newPairingCode } from '../auth/credentials.ts';
import { MAX_DEVICE_ORDINAL, deviceCodeFor } from '../device-code.ts';
import type { SqlClient, SqlDatabase } from './sql-database.ts';

export interface DeviceRecord {
  id: string;
  name: string;
  role: Role;
  /** Ticket-code prefix; '' only for a revoked device whose code was given to another. */
  code: string;
  pairedAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export type PairResult =
  | { kind: 'paired'; device: DeviceRecord; token: string; repaired: boolean }
  /** Wrong, used or expired: deliberately one kind, so the answer tells an attacker nothing. */
  | { kind: 'invalid_code' }
  | { kind: 'codes_exhausted' };

export interface DeviceStore {
  createPairingCode(input: {
    role: Role;
    name?: string;
    ttlMs: number;
    /** A start-up owner code: valid only while no owner device exists (migration 009). */
    bootstrap?: boolean;
  }): Promise<{ code: string; expiresAt: string }>;
  /**
   * `credentialHash`: the hash of the credential the pairing request presented. A revoked device's id (and ticket
   * code) is given back only to the browser still holding that device's old credential, never for the id alone.
   */
  pair(input: {
    code: string;
    name: string;
    deviceId?: string;
    credentialHash?: string;
  }): Promise<PairResult>;
  /** The device holding this credential hash, revoked or not (the caller decides). */
  findByTokenHash(tokenHash: string): Promise<DeviceRecord | null>;
  get(id: string): Promise<DeviceRecord | null>;
  list(): Promise<DeviceRecord[]>;
  update(id: string, change: { name?: string; role?: Role }): Promise<DeviceRecord | null>;
  /** Revokes at once; null when there is no such device. Revoking twice keeps the first time. */
  revoke(id: string): Promise<DeviceRecord | null>;
  touch(id: string, at: string): Promise<void>;
  ownerExists(): Promise<boolean>;
  /**
   * Called with a device id after its role, name or revocation changed, on this instance at once and
   * (PostgreSQL) on every other instance through NOTIFY. Returns an unsubscribe.
   */
  onChange(listener: (deviceId: string) => void): () => void;
}

export interface DeviceStoreOptions {
  now?: () => Date;
  /** Ticket codes available (tests lower it to reach exhaustion). */
  maxOrdinal?: number;
  /** A code of a device revoked longer ago than this may be given to a new device once all are taken. */
  codeReuseAfterMs?: number;
}

export const DEVICE_CHANGES_CHANNEL = 'orderline_devices';
const DEVICE_LOCK_ID = 7_361_002;
const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;
const COLUMNS = 'id, name, role, code, paired_at, last_seen_at, revoked_at';

interface DeviceRow {
  id: string;
  name: string;
  role: Role;
  code: string | null;
  paired_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

function toRecord(row: DeviceRow): DeviceRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    code: row.code ?? '',
    pairedAt: row.paired_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}

/** Thrown inside the pairing transaction so the used code is rolled back with it. */
class CodesExhausted extends Error {}

export async function createDeviceStore(
  db: SqlDatabase,
  options: DeviceStoreOptions = {},
): Promise<DeviceStore> {
  const now = options.now ?? (() => new Date());
  const maxOrdinal = Math.min(options.maxOrdinal ?? MAX_DEVICE_ORDINAL, MAX_DEVICE_ORDINAL);
  const reuseAfterMs = options.codeReuseAfterMs ?? THIRTY_DAYS_MS;
  const listeners = new Set<(deviceId: string) => void>();

  function emit(deviceId: string): void {
    for (const listener of listeners) listener(deviceId);
  }

  async function changed(tx: SqlClient, deviceId: string): Promise<void> {
    // Delivered on COMMIT only; this instance is told directly after the commit (emit).
    if (db.kind === 'postgres')
      await tx.query('SELECT pg_notify($1, $2)', [DEVICE_CHANGES_CHANNEL, deviceId]);
  }

  /** The next free ticket code; when all are taken, the code of the longest-revoked device (> 30 days). */
  async function assignCode(tx: SqlClient): Promise<{ ordinal: number; code: string }> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [DEVICE_LOCK_ID]);
    const next = await tx.query<{ ordinal: number | string }>(
      'SELECT coalesce(max(ordinal), 0) + 1 AS ordinal FROM devices',
    );
    let ordinal = Number(next[0]?.ordinal ?? 1);
    if (ordinal > maxOrdinal) {
      const cutoff = new Date(now().getTime() - reuseAfterMs).toISOString();
      const old = await tx.query<{ id: string; ordinal: number }>(
        `SELECT id, ordinal FROM devices WHERE revoked_at IS NOT NULL AND revoked_at < $1 AND ordinal IS NOT NULL
          ORDER BY revoked_at, ordinal LIMIT 1`,
        [cutoff],
      );
      if (!old[0]) throw new CodesExhausted();
      ordinal = Number(old[0].ordinal);
      await tx.query('UPDATE devices SET ordinal = NULL, code = NULL WHERE id = $1', [old[0].id]);
    }
    return { ordinal, code: deviceCodeFor(ordinal) };
  }

  const store: DeviceStore = {
    async createPairingCode({ role, name, ttlMs, bootstrap = false }) {
      const code = newPairingCode();
      const created = now();
      const expiresAt = new Date(created.getTime() + ttlMs).toISOString();
      await db.query(
        `INSERT INTO pairing_codes (code_hash, role, name, created_at, expires_at, bootstrap)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [hashSecret(code), role, name ?? null, created.toISOString(), expiresAt, bootstrap],
      );
      return { code, expiresAt };
    },

    async pair({ code, name, deviceId, credentialHash }) {
      const at = now().toISOString();
      const token = newCredential();
      const tokenHash = hashSecret(token);
      try {
        const result = await db.transaction(async (tx): Promise<PairResult> => {
          // Single use under concurrency: only one transaction can flip used_at from NULL.
          const used = await tx.query<{ role: Role; name: string | null }>(
            `UPDATE pairing_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
                AND (NOT bootstrap OR NOT EXISTS (SELECT 1 FROM devices WHERE role = 'owner' AND revoked_at IS NULL))
              RETURNING role, name`,
            [hashSecret(code), at],
          );
          const grant = used[0];
          if (!grant) return { kind: 'invalid_code' };
          const deviceName = grant.name ?? name;
          const previous =
            deviceId && credentialHash
              ? await tx.query<DeviceRow & { token_hash: string }>(
                  `SELECT ${COLUMNS}, token_hash FROM devices WHERE id = $1 FOR UPDATE`,
                  [deviceId],
                )
              : [];
          // Only a revoked device's id is given back (a live one's would let one device act as another), and only
          // to the holder of its old credential: its id is shown on screens, so the id alone proves nothing.
          const holder = previous[0];
          const revived = holder?.revoked_at && holder.token_hash === credentialHash ? holder : null;
          if (revived) {
            const keepsCode = revived.code !== null;
            const assigned = keepsCode ? null : await assignCode(tx);
            const rows = await tx.query<DeviceRow>(
              `UPDATE devices SET name = $2, role = $3, token_hash = $4, paired_at = $5, last_seen_at = $5,
                 revoked_at = NULL, ordinal = coalesce($6, ordinal), code = coalesce($7, code)
               WHERE id = $1 RETURNING ${COLUMNS}`,
              [
                revived.id,
                deviceName,
                grant.role,
                tokenHash,
                at,
                assigned?.ordinal ?? null,
                assigned?.code ?? null,
              ],
            );
            await changed(tx, revived.id);
            return { kind: 'paired', device: toRecord(rows[0] as DeviceRow), token, repaired: true };
          }
          const assigned = await assignCode(tx);
          const rows = await tx.query<DeviceRow>(
            `INSERT INTO devices (id, name, role, ordinal, code, token_hash, paired_at, last_seen_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${COLUMNS}`,
            [randomUUID(), deviceName, grant.role, assigned.ordinal, assigned.code, tokenHash, at],
          );
          return { kind: 'paired', device: toRecord(rows[0] as DeviceRow), token, repaired: false };
        });
        if (result.kind === 'paired' && result.repaired) emit(result.device.id);
        return result;
      } catch (error) {
        if (error instanceof CodesExhausted) return { kind: 'codes_exhausted' };
        throw error;
      }
    },

    async findByTokenHash(tokenHash) {
      const rows = await db.query<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE token_hash = $1`, [
        tokenHash,
      ]);
      return rows[0] ? toRecord(rows[0]) : null;
    },

    async get(id) {
      const rows = await db.query<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE id = $1`, [id]);
      return rows[0] ? toRecord(rows[0]) : null;
    },

    async list() {
      const rows = await db.query<DeviceRow>(`SELECT ${COLUMNS} FROM devices ORDER BY paired_at, id`);
      return rows.map(toRecord);
    },

    async update(id, change) {
      const row = await db.transaction(async (tx) => {
        const rows = await tx.query<DeviceRow>(
          `UPDATE devices SET name = coalesce($2, name), role = coalesce($3, role) WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, change.name ?? null, change.role ?? null],
        );
        if (rows[0]) await changed(tx, id);
        return rows[0] ?? null;
      });
      if (row) emit(id);
      return row ? toRecord(row) : null;
    },

    async revoke(id) {
      const row = await db.transaction(async (tx) => {
        const rows = await tx.query<DeviceRow>(
          `UPDATE devices SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, now().toISOString()],
        );
        if (rows[0]) await changed(tx, id);
        return rows[0] ?? null;
      });
      if (row) emit(id);
      return row ? toRecord(row) : null;
    },

    async touch(id, at) {
      await db.query('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [id, at]);
    },

    async ownerExists() {
      const rows = await db.query<{ n: number | string }>(
        "SELECT count(*) AS n FROM devices WHERE role = 'owner' AND revoked_at IS NULL",
      );
      return Number(rows[0]?.n ?? 0) > 0;
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  if (db.listen) {
    await db.listen(DEVICE_CHANGES_CHANNEL, (deviceId) => {
      // '' is the reconnect nudge: we may have missed changes, so every cached device is suspect.
      emit(deviceId);
    });
  }
  return store;
}
