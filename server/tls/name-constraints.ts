// The local CA's name constraints (RFC 5280 §4.2.1.10): which DNS names and IP ranges it may vouch for,
// encoded as the extension and checked for a name, so the server certificate never carries a name the CA
// cannot sign (a browser would then reject the whole certificate, not just that name).

import { isIP, BlockList } from 'node:net';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  GeneralName,
  GeneralSubtree,
  GeneralSubtrees,
  NameConstraints,
  id_ce_nameConstraints,
} from '@peculiar/asn1-x509';
import { Extension, type X509Certificate } from './x509.ts';

/**
 * Loopback, private (RFC 1918), carrier-grade NAT (RFC 6598: Tailscale and some ISP routers), link-local and
 * unique-local IPv6: the addresses a shop's LAN uses. A public address is never permitted unless it was the
 * machine's own (or in ORDERLINE_TLS_NAMES) when the CA was made.
 */
export const PRIVATE_SUBNETS = [
  '127.0.0.0/8',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '169.254.0.0/16',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
] as const;

/** DNS names every local CA permits: `localhost` and any name under `.local` (mDNS). */
export const BASE_DNS_NAMES = ['localhost', 'local'] as const;

export interface PermittedNames {
  /** A DNS name permits itself and every name below it (`local` permits `shop-pc.local`). */
  dns: string[];
  /** CIDR ranges (`10.0.0.0/8`, `2001:db8::1/128`). */
  ip: string[];
}

export function hostCidr(address: string): string {
  return `${address}/${isIP(address) === 6 ? 128 : 32}`;
}

export function nameConstraintsExtension(permitted: PermittedNames): Extension {
  const subtrees = [
    ...permitted.dns.map((dNSName) => new GeneralSubtree({ base: new GeneralName({ dNSName }) })),
    ...permitted.ip.map((iPAddress) => new GeneralSubtree({ base: new GeneralName({ iPAddress }) })),
  ];
  const value = AsnConvert.serialize(
    new NameConstraints({ permittedSubtrees: new GeneralSubtrees(subtrees) }),
  );
  // RFC 5280: conforming CAs MUST mark this extension critical, so a verifier that cannot read it refuses.
  return new Extension(id_ce_nameConstraints, true, value);
}

/** The permitted names written in a CA certificate; null when it has no name constraints. */
export function readPermittedNames(ca: X509Certificate): PermittedNames | null {
  const extension = ca.getExtension(id_ce_nameConstraints);
  if (extension === null) return null;
  const constraints = AsnConvert.parse(extension.value, NameConstraints);
  const permitted: PermittedNames = { dns: [], ip: [] };
  for (const subtree of constraints.permittedSubtrees ?? []) {
    if (subtree.base.dNSName !== undefined) permitted.dns.push(subtree.base.dNSName.toLowerCase());
    if (subtree.base.iPAddress !== undefined) permitted.ip.push(subtree.base.iPAddress);
  }
  return permitted;
}

function ipFamily(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/** Whether a certificate name (DNS name or IP address) falls inside the permitted names. */
export function isPermitted(name: string, permitted: PermittedNames): boolean {
  if (isIP(name) !== 0) {
    const ranges = new BlockList();
    for (const cidr of permitted.ip) {
      const [network = '', prefix = ''] = cidr.split('/');
      ranges.addSubnet(network, Number(prefix), ipFamily(network));
    }
    return ranges.check(name, ipFamily(name));
  }
  const lower = name.toLowerCase();
  return permitted.dns.some((base) => lower === base || lower.endsWith(`.${base}`));
}
