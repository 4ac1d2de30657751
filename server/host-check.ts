// The Host allowlist against DNS rebinding: a page on evil.example that rebinds its name to this
// server's address still sends `Host: evil.example`, and gets 421 instead of the shop's data.

import { isIP } from 'node:net';

/** Names every server answers to; main.ts adds the machine's names and the configured lists. */
export const LOCALHOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** The host part of a Host header, lower case, without port, brackets or a trailing dot; null if malformed. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const value = header.trim().toLowerCase();
  let name: string;
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end < 0) return null;
    name = value.slice(1, end);
    if (isIP(name) !== 6) return null;
    const rest = value.slice(end + 1);
    if (rest !== '' && !/^:[0-9]{1,5}$/.test(rest)) return null;
    return name;
  }
  const match = /^([^:]+)(?::[0-9]{1,5})?$/.exec(value);
  if (!match?.[1]) return null;
  name = match[1].endsWith('.') ? match[1].slice(0, -1) : match[1];
  return name === '' ? null : name;
}

/** Normalises configured names the same way as Host headers ("[::1]", "Shop.Local." → "::1", "shop.local"). */
export function normaliseAllowedHosts(names: Iterable<string>): Set<string> {
  const allowed = new Set<string>();
  for (const raw of names) {
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const name = isIP(trimmed) === 6 ? trimmed.toLowerCase() : hostName(trimmed);
    if (name) allowed.add(name);
  }
  return allowed;
}

/** Comma- or space-separated names from an environment variable (ORDERLINE_ALLOWED_HOSTS, ORDERLINE_TLS_NAMES). */
export function namesFromEnv(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((name) => name !== '');
}

export function isAllowedHost(allowed: ReadonlySet<string>, header: string | undefined): boolean {
  const name = hostName(header);
  if (name === null) return false;
  // RFC 6761: *.localhost always resolves to loopback, so it cannot be rebound.
  return allowed.has(name) || name.endsWith('.localhost');
}
