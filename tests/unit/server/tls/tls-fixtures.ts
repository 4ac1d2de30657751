// A machine with known names and a clock the tests move, for certificate issuance without the real host.

import type { MachineNames } from '../../../../server/machine-names.ts';

export const SHOP_MACHINE: MachineNames = {
  hostName: 'shop-pc',
  localName: 'shop-pc.local',
  addresses: ['192.168.1.20', 'fe80::1c2b:3aff:fe4d:5e6f'],
};

export const START = new Date('2026-12-01T12:00:00.000Z');
export const DAY_MS = 86_400_000;

export function clockAt(date: Date): () => Date {
  return () => date;
}

export function daysAfter(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
