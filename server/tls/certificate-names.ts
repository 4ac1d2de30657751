// The names a server certificate must carry (DESIGN.md Part 2, principle 11), and ORDERLINE_TLS_NAMES parsing.
// Pure: the machine's names come in as data so tests can pass any machine.

import { isIP } from 'node:net';
import type { MachineNames } from '../machine-names.ts';

/** The loopback names every certificate carries, so https://localhost works on the server machine. */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'] as const;

// RFC 1123 labels; a leading `*.` is not accepted (a wildcard would widen what a stolen key could impersonate).
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Parses ORDERLINE_TLS_NAMES (comma-separated DNS names and IP addresses; `[::1]` brackets allowed).
 * Throws with the offending entry, since a typo here would silently leave a tablet without HTTPS.
 */
export function parseTlsNames(value: string | undefined): string[] {
  if (value === undefined) return [];
  const names: string[] = [];
  for (const raw of value.split(',')) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1');
    if (entry === '') continue;
    if (isIP(entry) === 0 && !DNS_NAME.test(entry)) {
      throw new Error(`ORDERLINE_TLS_NAMES: "${raw.trim()}" is neither a DNS name nor an IP address`);
    }
    if (!names.includes(entry)) names.push(entry);
  }
  return names;
}

/**
 * A DNS name with one label (`coffee`, `com`) other than `localhost`. A CA name constraint for it would also
 * permit every name below it, and a single label may be a public suffix (`.coffee` is a real top-level
 * domain), so the local CA never permits one and the certificate never carries one (issue 26).
 */
export function isSingleLabelName(name: string): boolean {
  return isIP(name) === 0 && !name.includes('.') && name.toLowerCase() !== 'localhost';
}

/**
 * Every name the server certificate should carry, loopback first, without duplicates. The machine's host name
 * only when it has a dot: a single-label one (`shop-pc`) is reached as `shop-pc.local` or by address instead.
 */
export function wantedCertificateNames(machine: MachineNames, extraNames: readonly string[]): string[] {
  const names: string[] = [];
  const add = (name: string | null) => {
    if (name !== null && name !== '' && !names.includes(name)) names.push(name);
  };
  for (const name of LOOPBACK_NAMES) add(name);
  if (!isSingleLabelName(machine.hostName)) add(machine.hostName);
  add(machine.localName);
  for (const address of machine.addresses) add(address);
  for (const name of extraNames) add(name);
  return names;
}

export function splitNames(names: readonly string[]): { dns: string[]; ip: string[] } {
  return { dns: names.filter((name) => isIP(name) === 0), ip: names.filter((name) => isIP(name) !== 0) };
}
