// What the HTTPS server presents: TLS_CERT_FILE + TLS_KEY_FILE when given, else the local CA's server
// certificate from <data>/tls/ (CA made on first start; server certificate re-issued when its names changed
// or < 30 days remain). Private keys are written 0600 in a 0700 directory and only ever read back here.

import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from './x509.ts';
import type { MachineNames } from '../machine-names.ts';
import { wantedCertificateNames } from './certificate-names.ts';
import {
  createLocalCa,
  exportPrivateKeyPem,
  loadLocalCa,
  permittedNamesFor,
  sha256Fingerprint,
  type LocalCa,
} from './local-ca.ts';
import { isPermitted, readPermittedNames } from './name-constraints.ts';
import {
  certificateNames,
  issueServerCertificate,
  reissueReason,
  type ReissueReason,
} from './server-certificate.ts';

export interface LocalCaPublic {
  /** DER bytes of the CA certificate: what /setup/ca.crt serves. Never the key. */
  der: Uint8Array;
  fingerprint: string;
}

export interface TlsMaterial {
  source: 'local-ca' | 'files';
  certPem: string;
  keyPem: string;
  /** null when TLS_CERT_FILE/TLS_KEY_FILE are used: then the operator's own CA is what devices trust. */
  ca: LocalCaPublic | null;
  /** The names in the served certificate. */
  names: string[];
  /** Wanted names the local CA's name constraints do not permit, left out of the certificate (logged). */
  leftOut: string[];
  /** Why a server certificate was issued at this start ('new' on first start), or null when reused. */
  issued: ReissueReason | 'new';
}

export interface TlsMaterialOptions {
  /** The data directory; files go to <dataDir>/tls/. */
  dataDir: string;
  certFile?: string;
  keyFile?: string;
  machine: MachineNames;
  /** ORDERLINE_TLS_NAMES, parsed. */
  extraNames: readonly string[];
  now?: () => Date;
}

export const TLS_FILES = {
  caCert: 'ca.crt',
  caKey: 'ca.key',
  serverCert: 'server.crt',
  serverKey: 'server.key',
} as const;

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read ${path}`, { cause: error });
  }
}

/** writeFile's mode applies only when it creates the file, so an older, wider file is narrowed too. */
async function writeSecret(path: string, contents: string): Promise<void> {
  await writeFile(path, contents, { mode: 0o600 });
  await chmod(path, 0o600);
}

async function fromFiles(certFile: string, keyFile: string): Promise<TlsMaterial> {
  const [certPem, keyPem] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  const certificate = new x509.X509Certificate(certPem);
  return {
    source: 'files',
    certPem,
    keyPem,
    ca: null,
    names: certificateNames(certificate),
    leftOut: [],
    issued: null,
  };
}

async function loadOrCreateCa(
  dir: string,
  options: TlsMaterialOptions,
  now: Date,
): Promise<{ ca: LocalCa; created: boolean }> {
  const caCertPath = join(dir, TLS_FILES.caCert);
  const caKeyPath = join(dir, TLS_FILES.caKey);
  const [certPem, keyPem] = await Promise.all([readIfExists(caCertPath), readIfExists(caKeyPath)]);
  if (certPem !== null && keyPem !== null) return { ca: await loadLocalCa(certPem, keyPem), created: false };
  if (certPem !== null || keyPem !== null) {
    // Half a CA cannot sign; making a new one silently would break every device that trusted the old one.
    throw new Error(
      `${dir} holds only one of ${TLS_FILES.caCert} and ${TLS_FILES.caKey}: restore the other, or delete both to make a new CA`,
    );
  }
  const ca = await createLocalCa(permittedNamesFor(options.machine, options.extraNames), now);
  await writeSecret(caKeyPath, await exportPrivateKeyPem(ca.privateKey));
  await writeFile(caCertPath, ca.certificate.toString('pem'), { mode: 0o644 });
  return { ca, created: true };
}

export async function loadTlsMaterial(options: TlsMaterialOptions): Promise<TlsMaterial> {
  if (options.certFile !== undefined || options.keyFile !== undefined) {
    if (options.certFile === undefined || options.keyFile === undefined) {
      throw new Error('TLS_CERT_FILE and TLS_KEY_FILE go together: set both, or neither for the local CA');
    }
    return fromFiles(options.certFile, options.keyFile);
  }
  const now = (options.now ?? (() => new Date()))();
  const dir = join(options.dataDir, 'tls');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const { ca, created } = await loadOrCreateCa(dir, options, now);

  const permitted = readPermittedNames(ca.certificate);
  const wanted = wantedCertificateNames(options.machine, options.extraNames);
  const names = permitted === null ? wanted : wanted.filter((name) => isPermitted(name, permitted));
  const leftOut = wanted.filter((name) => !names.includes(name));

  const serverCertPath = join(dir, TLS_FILES.serverCert);
  const serverKeyPath = join(dir, TLS_FILES.serverKey);
  const [certPem, keyPem] = await Promise.all([readIfExists(serverCertPath), readIfExists(serverKeyPath)]);
  const caPublic = {
    der: new Uint8Array(ca.certificate.rawData),
    fingerprint: sha256Fingerprint(ca.certificate.rawData),
  };
  const reason =
    !created && certPem !== null && keyPem !== null
      ? await reissueReason(new x509.X509Certificate(certPem), ca, names, now)
      : 'new';
  const material =
    reason === null && certPem !== null && keyPem !== null
      ? { source: 'local-ca' as const, certPem, keyPem, ca: caPublic, names, leftOut, issued: null }
      : await issueAndWrite(ca, names, now, dir, { ca: caPublic, leftOut, issued: reason });
  // Keys copied in or restored from a backup may be readable by others: narrow them at every start.
  await Promise.all([chmod(join(dir, TLS_FILES.caKey), 0o600), chmod(serverKeyPath, 0o600)]);
  return material;
}

async function issueAndWrite(
  ca: LocalCa,
  names: string[],
  now: Date,
  dir: string,
  rest: Pick<TlsMaterial, 'ca' | 'leftOut' | 'issued'>,
): Promise<TlsMaterial> {
  const issued = await issueServerCertificate(ca, names, now);
  const certPem = issued.certificate.toString('pem');
  const keyPem = await exportPrivateKeyPem(issued.privateKey);
  await writeSecret(join(dir, TLS_FILES.serverKey), keyPem);
  await writeFile(join(dir, TLS_FILES.serverCert), certPem, { mode: 0o644 });
  return { source: 'local-ca', certPem, keyPem, names, ...rest };
}
