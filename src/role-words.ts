// A device's role in the active language ("owner", "counter" …): the Devices, Pairing and Diagnostics screens
// and the shell's "not available" line show roles in words, never the protocol's identifiers.
import { ROLES } from '../protocol/roles.ts';
import { t } from './i18n.ts';

/** A role this page does not know (a newer server's) is shown as sent. */
export function roleWord(role: string): string {
  return (ROLES as readonly string[]).includes(role) ? t(`app.role.${role}`) : role;
}
