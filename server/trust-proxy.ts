// TRUST_PROXY: which peers may tell us the client's address through X-Forwarded-For. A hop count
// ("1" = one proxy in front, nearest hop on loopback: see app.ts) or a list of proxy addresses/CIDRs; never "trust everything".

import { isIP } from 'node:net';

/** What Fastify's trustProxy gets: false, a hop count, or proxy addresses/CIDRs. */
export type TrustProxy = false | number | string[];

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^[0-9]{1,3}$/.test(bits)) return false;
  // A /0 would trust every peer.
  return Number(bits) > 0 && Number(bits) <= (family === 4 ? 32 : 128);
}

/** Parses TRUST_PROXY; throws on anything that would trust every peer or cannot be read. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === '0' || text.toLowerCase() === 'false') return false;
  if (/^[0-9]{1,2}$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrCidr(entry));
  if (bad.length > 0) {
    throw new Error(
      `TRUST_PROXY must be a hop count (1 = one proxy) or proxy addresses/CIDRs, not ${bad.join(', ')}`,
    );
  }
  return entries;
}
