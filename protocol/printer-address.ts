// Which printer hosts the server may connect to: loopback, private (RFC 1918, link-local, IPv6 ULA) or an
// mDNS `.local` name, never a public address (DESIGN.md principle 23): the server must not become a way to
// reach the internet, or another network, from inside the shop. Pure: no DNS lookups, no Node.

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** One DNS label: letters, digits, inner hyphens. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

function privateIpv4(host: string): boolean | null {
  const match = IPV4.exec(host);
  if (!match) return null;
  const parts = match.slice(1).map(Number);
  if (parts.some((part) => part > 255)) return false;
  const [a, b] = parts as [number, number, number, number];
  return (
    a === 127 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  );
}

function privateIpv6(host: string): boolean | null {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!bare.includes(':') || !/^[0-9a-f:]+$/i.test(bare)) return null;
  const lower = bare.toLowerCase();
  if (lower === '::1') return true;
  // fc00::/7 unique local, fe80::/10 link-local.
  return /^f[cd][0-9a-f]{0,2}:/.test(lower) || /^fe[89ab][0-9a-f]?:/.test(lower);
}

/** True for a host the server may print to; false for a public address, a bad name or anything else. */
export function isPrinterHostAllowed(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  const v4 = privateIpv4(host);
  if (v4 !== null) return v4;
  const v6 = privateIpv6(host);
  if (v6 !== null) return v6;
  const lower = host.toLowerCase();
  if (lower === 'localhost') return true;
  const labels = lower.split('.');
  return labels.length >= 2 && labels.at(-1) === 'local' && labels.every((label) => LABEL.test(label));
}
