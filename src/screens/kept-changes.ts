// The Pairing screen's line about the outbox kept while signed out (DESIGN.md Part 2, principle 13). It
// counts changes (outbox entries: a new order, a status move, a payment), which is what the SW's `waiting` holds.

export function keptChangesText(waiting: number): string {
  const what = waiting === 1 ? '1 change is' : `${waiting} changes are`;
  return `${what} kept on this device and will be sent after pairing.`;
}
