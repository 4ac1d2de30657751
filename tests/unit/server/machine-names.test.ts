// The machine's names and LAN addresses, from a given host name and interface table (no real host needed).

import { describe, expect, it } from 'vitest';
import { machineNames, type InterfaceTable } from '../../../server/machine-names.ts';

const INTERFACES: InterfaceTable = {
  lo: [
    { address: '127.0.0.1', family: 'IPv4', internal: true },
    { address: '::1', family: 'IPv6', internal: true },
  ],
  wlan0: [
    { address: 'fe80::1c2b:3aff:fe4d:5e6f%wlan0', family: 'IPv6', internal: false },
    { address: '192.168.1.20', family: 'IPv4', internal: false },
  ],
  eth0: [
    { address: '10.0.0.4', family: 4, internal: false },
    { address: '192.168.1.20', family: 'IPv4', internal: false },
  ],
};

describe('machineNames', () => {
  it('lists non-internal addresses, IPv4 first, without zone ids or duplicates', () => {
    const names = machineNames({ hostname: () => 'Shop-PC', networkInterfaces: () => INTERFACES });
    expect(names).toEqual({
      hostName: 'shop-pc',
      localName: 'shop-pc.local',
      addresses: ['192.168.1.20', '10.0.0.4', 'fe80::1c2b:3aff:fe4d:5e6f'],
    });
  });

  it('makes the .local name from the first label, and none when the host name already is one', () => {
    const fqdn = machineNames({ hostname: () => 'till.example.lan.', networkInterfaces: () => ({}) });
    expect(fqdn.hostName).toBe('till.example.lan');
    expect(fqdn.localName).toBe('till.local');
    expect(
      machineNames({ hostname: () => 'till.local', networkInterfaces: () => ({}) }).localName,
    ).toBeNull();
    expect(machineNames({ hostname: () => '', networkInterfaces: () => ({}) }).localName).toBeNull();
  });
});
