// How a pairing code is shown to people: `ABCD-EFGH` (DESIGN.md Part 2). The server accepts a code with or
// without the hyphen, in any case; this only formats what the server gave or what someone typed.
import { formatPairingCode, normalizePairingCode } from '../protocol/pairing.ts';

/** Any spelling of a valid code → `ABCD-EFGH`; text that cannot be a code is shown as it is. */
export function displayPairingCode(code: string): string {
  const canonical = normalizePairingCode(code);
  return canonical === null ? code : formatPairingCode(canonical);
}
