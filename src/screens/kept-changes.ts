// The Pairing screen's line about the outbox kept while signed out (DESIGN.md Part 2, principle 13). It
// counts changes (outbox entries: a new order, a status move, a payment), which is what the SW's `waiting` holds.
import { t } from '../i18n.ts';

export function keptChangesText(waiting: number): string {
  return t('pairing.keptChanges', { count: waiting });
}
