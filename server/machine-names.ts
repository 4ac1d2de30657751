// The names and addresses this machine answers to on the LAN: its host name, the mDNS `.local` name and
// every non-internal interface address. The TLS certificate covers them; the Host allowlist reads them too.

import { hostname as osHostname, networkInterfaces as osNetworkInterfaces } from 'node:os';

export interface MachineNames {
  /** The OS host name, lower case (`shop-pc`); '' when the OS reports none. */
  hostName: string;
  /** `<hostname>.local` (mDNS), or null when the host name is empty or already ends in `.local`. */
  localName: string | null;
  /** Every non-internal interface address (IPv4 first, then IPv6), without zone ids, no duplicates. */
  addresses: string[];
}

/** What os.networkInterfaces() returns, narrowed to what is read (tests pass their own). */
export type InterfaceTable = Record<
  string,
  readonly { address: string; family: string | number; internal: boolean }[] | undefined
>;

export interface MachineNamesSource {
  hostname: () => string;
  networkInterfaces: () => InterfaceTable;
}

const OS_SOURCE: MachineNamesSource = { hostname: osHostname, networkInterfaces: osNetworkInterfaces };

function isIpv4(family: string | number): boolean {
  // Node 18.0–18.3 reported the family as a number; later versions as 'IPv4' / 'IPv6'.
  return family === 'IPv4' || family === 4;
}

export function machineNames(source: MachineNamesSource = OS_SOURCE): MachineNames {
  const hostName = source.hostname().trim().toLowerCase().replace(/\.$/, '');
  const localName = hostName === '' || hostName.endsWith('.local') ? null : `${hostName.split('.')[0]}.local`;
  const v4: string[] = [];
  const v6: string[] = [];
  for (const entries of Object.values(source.networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.internal) continue;
      // A link-local IPv6 address carries its interface (`fe80::1%eth0`); a certificate holds bare bytes.
      const address = entry.address.split('%')[0]!.toLowerCase();
      const list = isIpv4(entry.family) ? v4 : v6;
      if (!list.includes(address)) list.push(address);
    }
  }
  return { hostName, localName, addresses: [...v4, ...v6] };
}
