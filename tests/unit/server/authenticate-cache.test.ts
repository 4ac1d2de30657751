// Unknown credentials (issue 26): a flood of made-up tokens must not cost a database lookup each. Malformed
// ones are refused without one, and an unknown well-formed one is looked up once per 10 s.

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../server/auth/authenticate.ts';
import { hashSecret, newCredential } from '../../../server/auth/credentials.ts';
import type { DeviceRecord, DeviceStore } from '../../../server/store/device-store.ts';

function countingStore(known: Map<string, DeviceRecord>) {
  const counter = { lookups: 0 };
  const store = {
    findByTokenHash(hash: string) {
      counter.lookups += 1;
      return Promise.resolve(known.get(hash) ?? null);
    },
  } as unknown as DeviceStore;
  return { store, counter };
}

const DEVICE: DeviceRecord = {
  id: '0190f5e0-0000-7000-8000-000000000001',
  name: 'Till',
  role: 'counter',
  code: 'A',
  pairedAt: '2026-12-01T12:00:00.000Z',
  lastSeenAt: null,
  revokedAt: null,
};

describe('authenticator: unknown credentials', () => {
  it('looks an unknown token up once, then answers from memory until its 10 s are over', async () => {
    let at = Date.parse('2026-12-01T12:00:00.000Z');
    const { store, counter } = countingStore(new Map());
    const auth = createAuthenticator({ devices: store, now: () => new Date(at) });
    const token = newCredential();
    for (let i = 0; i < 1000; i++) expect(await auth.resolve(token)).toBeNull();
    expect(counter.lookups).toBe(1);
    at += 10_001;
    expect(await auth.resolve(token)).toBeNull();
    expect(counter.lookups).toBe(2);
  });

  it("refuses a token that is not a credential's shape without a lookup", async () => {
    const { store, counter } = countingStore(new Map());
    const auth = createAuthenticator({ devices: store, now: () => new Date() });
    for (let i = 0; i < 1000; i++) {
      expect(await auth.resolve(randomBytes(16 + (i % 40)).toString('hex'))).toBeNull();
    }
    expect(counter.lookups).toBe(0);
  });

  it('stays bounded under a flood of distinct tokens and still knows a real device', async () => {
    const token = newCredential();
    const { store, counter } = countingStore(new Map([[hashSecret(token), DEVICE]]));
    const auth = createAuthenticator({ devices: store, now: () => new Date() });
    for (let i = 0; i < 12_000; i++) await auth.resolve(newCredential());
    expect(counter.lookups).toBe(12_000);
    expect((await auth.resolve(token))?.id).toBe(DEVICE.id);
  });
});
