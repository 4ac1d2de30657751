// Local CA and server certificate issuance in <data>/tls (DESIGN.md Part 2, principle 11): names, validity,
// CA constraints, key usages, re-issue rules, and private keys that stay private.

import { X509Certificate as NodeX509Certificate } from 'node:crypto';
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTlsNames, wantedCertificateNames } from '../../../../server/tls/certificate-names.ts';
import { permittedNamesFor } from '../../../../server/tls/local-ca.ts';
import { PRIVATE_SUBNETS, isPermitted, readPermittedNames } from '../../../../server/tls/name-constraints.ts';
import { loadTlsMaterial, TLS_FILES, type TlsMaterial } from '../../../../server/tls/tls-material.ts';
import * as x509 from '../../../../server/tls/x509.ts';
import { DAY_MS, SHOP_MACHINE, START, clockAt, daysAfter } from './tls-fixtures.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'orderline-tls-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function load(extraNames: string[] = [], now = START): Promise<TlsMaterial> {
  return loadTlsMaterial({ dataDir, machine: SHOP_MACHINE, extraNames, now: clockAt(now) });
}

function serverCert(material: TlsMaterial): x509.X509Certificate {
  return new x509.X509Certificate(material.certPem);
}

async function caCert(): Promise<x509.X509Certificate> {
  return new x509.X509Certificate(await readFile(join(dataDir, 'tls', TLS_FILES.caCert), 'utf8'));
}

function sanNames(certificate: x509.X509Certificate): string[] {
  const san = certificate.getExtension(x509.SubjectAlternativeNameExtension);
  return (san?.names.items ?? []).map((name) => `${name.type}:${name.value}`);
}

describe('the server certificate', () => {
  it('names localhost, loopback, the .local name, every LAN address and ORDERLINE_TLS_NAMES (not the single-label host name)', async () => {
    const material = await load(['orderline.test', '10.1.2.3']);
    expect(sanNames(serverCert(material)).sort()).toEqual(
      [
        'dns:localhost',
        'dns:shop-pc.local',
        'dns:orderline.test',
        'ip:127.0.0.1',
        'ip:::1',
        'ip:192.168.1.20',
        'ip:fe80::1c2b:3aff:fe4d:5e6f',
        'ip:10.1.2.3',
      ].sort(),
    );
  });

  it('is valid for at most 397 days, from before now, for server authentication only', async () => {
    const certificate = serverCert(await load());
    const lifetimeDays = (certificate.notAfter.getTime() - certificate.notBefore.getTime()) / DAY_MS;
    expect(lifetimeDays).toBeLessThanOrEqual(397);
    expect(certificate.notBefore.getTime()).toBeLessThanOrEqual(START.getTime());
    expect(certificate.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
    expect(certificate.getExtension(x509.KeyUsagesExtension)?.usages).toBe(
      x509.KeyUsageFlags.digitalSignature,
    );
    expect(certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([
      x509.ExtendedKeyUsage.serverAuth,
    ]);
  });

  it('is signed by the local CA (Node checks the chain)', async () => {
    const material = await load();
    const server = new NodeX509Certificate(material.certPem);
    const ca = new NodeX509Certificate(Buffer.from(material.ca!.der));
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost('shop-pc.local')).toBe('shop-pc.local');
    expect(server.checkIP('192.168.1.20')).toBe('192.168.1.20');
  });
});

describe('the local CA', () => {
  it('is a CA for 10 years that signs certificates only (pathLen 0, keyCertSign)', async () => {
    await load();
    const ca = await caCert();
    const basic = ca.getExtension(x509.BasicConstraintsExtension);
    expect(basic?.ca).toBe(true);
    expect(basic?.critical).toBe(true);
    expect(basic?.pathLength).toBe(0);
    expect((ca.getExtension(x509.KeyUsagesExtension)!.usages & x509.KeyUsageFlags.keyCertSign) !== 0).toBe(
      true,
    );
    const years = (ca.notAfter.getTime() - ca.notBefore.getTime()) / (365.25 * DAY_MS);
    expect(years).toBeGreaterThanOrEqual(9.99);
    expect(years).toBeLessThan(10.1);
    expect(ca.publicKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
  });

  it('is name-constrained (critical) to localhost, .local, its names and the private ranges', async () => {
    await load(['orderline.test']);
    const ca = await caCert();
    expect(ca.getExtension('2.5.29.30')?.critical).toBe(true);
    const permitted = readPermittedNames(ca)!;
    expect(permitted.dns.sort()).toEqual(['local', 'localhost', 'orderline.test']);
    expect(permitted.ip).toEqual([...PRIVATE_SUBNETS]);
  });

  it('never permits a single-label name: ORDERLINE_TLS_NAMES=com or a host named coffee (issue 26)', async () => {
    const coffee = { hostName: 'coffee', localName: 'coffee.local', addresses: ['192.168.1.20'] };
    const permitted = permittedNamesFor(coffee, ['com', 'orderline.test']);
    expect(permitted.dns.sort()).toEqual(['local', 'localhost', 'orderline.test']);
    for (const name of ['shop.com', 'coffee', 'bank.coffee', 'com']) {
      expect(isPermitted(name, permitted), name).toBe(false);
    }
    expect(isPermitted('coffee.local', permitted)).toBe(true);
    expect(wantedCertificateNames(coffee, ['com'])).not.toContain('coffee');
  });

  it('leaves out of the certificate a later ORDERLINE_TLS_NAMES entry the CA does not permit, and reports it', async () => {
    const first = await load();
    const later = await load(['shop.example.com', '10.9.8.7']);
    expect(later.leftOut).toEqual(['shop.example.com']);
    expect(sanNames(serverCert(later))).not.toContain('dns:shop.example.com');
    expect(sanNames(serverCert(later))).toContain('ip:10.9.8.7');
    expect(later.ca!.fingerprint).toBe(first.ca!.fingerprint);
  });
});

describe('re-issue at start', () => {
  it('keeps the certificate when nothing changed', async () => {
    const first = await load(['orderline.test']);
    const again = await load(['orderline.test'], daysAfter(START, 100));
    expect(again.issued).toBeNull();
    expect(again.certPem).toBe(first.certPem);
  });

  it('issues a new certificate from the same CA when the names changed', async () => {
    const first = await load();
    const again = await load(['till.local', '10.1.2.3']);
    expect(again.issued).toBe('names-changed');
    expect(again.certPem).not.toBe(first.certPem);
    expect(again.ca!.fingerprint).toBe(first.ca!.fingerprint);
    expect(sanNames(serverCert(again))).toEqual(expect.arrayContaining(['dns:till.local', 'ip:10.1.2.3']));
  });

  it('issues a new certificate from the same CA when fewer than 30 days remain', async () => {
    const first = await load();
    const notAfter = serverCert(first).notAfter;
    const stillFine = await load([], new Date(notAfter.getTime() - 31 * DAY_MS));
    expect(stillFine.issued).toBeNull();
    const nearExpiry = new Date(notAfter.getTime() - 29 * DAY_MS);
    const renewed = await load([], nearExpiry);
    expect(renewed.issued).toBe('expiring');
    expect(renewed.ca!.fingerprint).toBe(first.ca!.fingerprint);
    expect(serverCert(renewed).notAfter.getTime()).toBeGreaterThan(notAfter.getTime());
  });

  it('refuses to start with half a CA rather than silently making a new one', async () => {
    await load();
    await rm(join(dataDir, 'tls', TLS_FILES.caKey));
    await expect(load()).rejects.toThrow(/only one of ca.crt and ca.key/);
  });
});

describe('private keys', () => {
  it('are written 0600 in a 0700 directory, certificates readable', async () => {
    await load();
    const dir = join(dataDir, 'tls');
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, TLS_FILES.caKey))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, TLS_FILES.serverKey))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, TLS_FILES.caCert))).mode & 0o777).toBe(0o644);
  });

  it('are narrowed to 0600 at start when they were readable by others (a restored backup)', async () => {
    await load();
    const caKeyPath = join(dataDir, 'tls', TLS_FILES.caKey);
    const serverKeyPath = join(dataDir, 'tls', TLS_FILES.serverKey);
    await chmod(caKeyPath, 0o644);
    await chmod(serverKeyPath, 0o644);
    await load();
    expect((await stat(caKeyPath)).mode & 0o777).toBe(0o600);
    expect((await stat(serverKeyPath)).mode & 0o777).toBe(0o600);
  });

  it('the CA key is never in the served material, and no file under dist/ is a private key', async () => {
    const material = await load();
    const caKey = await readFile(join(dataDir, 'tls', TLS_FILES.caKey), 'utf8');
    const caKeyBody = caKey.replace(/-----[^-]+-----|\s/g, '');
    expect(material.keyPem).not.toContain(caKeyBody);
    expect(Buffer.from(material.ca!.der).toString('base64')).not.toContain(caKeyBody);
    const distDir = join(import.meta.dirname, '..', '..', '..', '..', 'dist');
    const files = await readdir(distDir, { recursive: true }).catch(() => [] as string[]);
    for (const file of files) {
      const path = join(distDir, file);
      if ((await stat(path)).isFile())
        expect(await readFile(path, 'utf8'), file).not.toContain('PRIVATE KEY');
    }
  });
});

describe('ORDERLINE_TLS_NAMES', () => {
  it('takes comma-separated names and addresses, lower case, brackets off, no duplicates', () => {
    expect(parseTlsNames(' Orderline.Test, [fd00::5],10.0.0.7,,orderline.test ')).toEqual([
      'orderline.test',
      'fd00::5',
      '10.0.0.7',
    ]);
    expect(parseTlsNames(undefined)).toEqual([]);
  });

  it('rejects an entry that is neither a DNS name nor an IP address, naming it', () => {
    expect(() => parseTlsNames('ok.test,bad_name!')).toThrow(/"bad_name!"/);
    expect(() => parseTlsNames('*.shop.test')).toThrow(/\*\.shop\.test/);
  });
});

describe('TLS_CERT_FILE + TLS_KEY_FILE', () => {
  it('replace the local CA: the files are served as they are and no CA is made or offered', async () => {
    const issued = await load(['orderline.test']);
    const filesDir = await mkdtemp(join(tmpdir(), 'orderline-tls-files-'));
    try {
      const certFile = join(filesDir, 'cert.pem');
      const keyFile = join(filesDir, 'key.pem');
      await writeFile(certFile, issued.certPem);
      await writeFile(keyFile, issued.keyPem);
      const material = await loadTlsMaterial({
        dataDir: filesDir,
        certFile,
        keyFile,
        machine: SHOP_MACHINE,
        extraNames: [],
      });
      expect(material.source).toBe('files');
      expect(material.certPem).toBe(issued.certPem);
      expect(material.ca).toBeNull();
      expect(material.names).toContain('orderline.test');
      expect(await readdir(filesDir)).toEqual(['cert.pem', 'key.pem']);
    } finally {
      await rm(filesDir, { recursive: true, force: true });
    }
  });

  it('must come together', async () => {
    await expect(
      loadTlsMaterial({ dataDir, certFile: '/x.pem', machine: SHOP_MACHINE, extraNames: [] }),
    ).rejects.toThrow(/go together/);
  });
});
