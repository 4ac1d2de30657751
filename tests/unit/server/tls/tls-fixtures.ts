// A machine with known names, a clock the tests move, and an HTTPS endpoint built from them: certificate
// issuance and the LAN rules tested without the real host's names.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MachineNames } from '../../../../server/machine-names.ts';
import { primaryHttpsHost, type HttpsEndpoint } from '../../../../server/tls/https-endpoint.ts';
import { loadTlsMaterial } from '../../../../server/tls/tls-material.ts';

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

/** An HTTPS endpoint for buildApp: a real local CA and certificate in `dataDir`, as if listening on 8443. */
export async function shopEndpoint(
  dataDir: string,
  extraNames: string[] = ['orderline.test'],
): Promise<HttpsEndpoint> {
  const material = await loadTlsMaterial({ dataDir, machine: SHOP_MACHINE, extraNames, now: clockAt(START) });
  return {
    material,
    primaryHost: primaryHttpsHost(SHOP_MACHINE, extraNames, material.names),
    port: () => 8443,
  };
}

/** A minimal built client, so static serving and the SPA fallback run as in production. */
export async function tinyDist(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Orderline</title>');
  await writeFile(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  return dir;
}
