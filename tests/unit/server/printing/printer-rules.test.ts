// The pure rules of printing: which hosts are allowed, when the drawer opens, the retry schedule.

import { describe, expect, it } from 'vitest';
import type { Payment } from '../../../../protocol/order.ts';
import { isPrinterHostAllowed } from '../../../../protocol/printer-address.ts';
import { shouldKickDrawer } from '../../../../server/printing/drawer-kick.ts';
import { nextPrintRetryMs } from '../../../../server/printing/print-backoff.ts';

function payment(method: Payment['method']): Payment {
  return {
    id: '0192d2a4-6c1e-7000-8000-0000000000p1',
    method,
    amountCents: 450,
    tenderedCents: method === 'cash' ? 500 : null,
    changeCents: method === 'cash' ? 50 : 0,
    tipCents: 0,
    deviceId: '0192d2a4-6c1e-7000-8000-00000000d001',
    createdAt: '2026-12-06T10:00:00Z',
    refunds: [],
  };
}

describe('printer hosts', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.1',
    '10.1.2.3',
    '172.16.0.9',
    '172.31.255.255',
    '192.168.1.50',
    '169.254.3.4',
    '::1',
    'fd12:3456::1',
    'fe80::1',
    'localhost',
    'bar-printer.local',
    'EPSON.local',
  ])('%s is allowed', (host) => expect(isPrinterHostAllowed(host)).toBe(true));
  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '192.169.0.1',
    '1.1.1.1',
    '2001:4860::8888',
    'example.com',
    'printer',
    'local',
    '.local',
    'a..local',
    '999.1.1.1',
    '10.0.0.256',
    '',
  ])('%s is refused', (host) => expect(isPrinterHostAllowed(host)).toBe(false));
});

describe('drawer kick', () => {
  const till = { kind: 'receipt' as const, drawerKick: true };
  it('opens only for a receipt of an order that took cash, on a receipt printer set to kick', () => {
    expect(shouldKickDrawer(till, 'receipt', { payments: [payment('cash')] })).toBe(true);
    expect(shouldKickDrawer(till, 'receipt', { payments: [payment('card')] })).toBe(false);
    expect(shouldKickDrawer(till, 'receipt', { payments: [payment('card'), payment('cash')] })).toBe(true);
    expect(shouldKickDrawer(till, 'receipt', {})).toBe(false);
    expect(shouldKickDrawer(till, 'kitchen', { payments: [payment('cash')] })).toBe(false);
    expect(shouldKickDrawer({ ...till, drawerKick: false }, 'receipt', { payments: [payment('cash')] })).toBe(
      false,
    );
    expect(
      shouldKickDrawer({ kind: 'kitchen', drawerKick: true }, 'receipt', { payments: [payment('cash')] }),
    ).toBe(false);
  });
});

describe('retry schedule', () => {
  it('waits 1 s, doubling, at most 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((failures) => nextPrintRetryMs(failures))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});
