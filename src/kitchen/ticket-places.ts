// The kitchen's place numbers: the short number on each ticket that the keyboard bump bar types. A ticket
// keeps its number while it is on screen (another ticket leaving never renumbers it), and a number that was
// just freed is not handed to the next ticket, so a number a cook remembers never silently means another one.

/** Place numbers run 1..MAX_PLACE (two keys at most), then wrap to the lowest free one. */
export const MAX_PLACE = 99;

export interface TicketPlaces {
  /** Order id → its place number, for the tickets on screen. */
  byId: ReadonlyMap<string, number>;
  /** The last number handed out: the next ticket takes the one after it. */
  last: number;
}

export const NO_PLACES: TicketPlaces = { byId: new Map(), last: 0 };

/**
 * Places for `ids` (the tickets now on screen, oldest first): a ticket seen before keeps its number; a new one
 * takes the next number after the last handed out that is not in use. An empty screen starts again at 1 (no
 * ticket is left for a remembered number to point at). Returns `previous` itself when nothing changed, so a
 * render that changes no ticket re-renders none.
 */
export function assignPlaces(previous: TicketPlaces, ids: readonly string[]): TicketPlaces {
  const byId = new Map<string, number>();
  for (const id of ids) {
    const place = previous.byId.get(id);
    if (place !== undefined) byId.set(id, place);
  }
  if (byId.size === previous.byId.size && byId.size === ids.length) return previous;
  const inUse = new Set(byId.values());
  let last = byId.size === 0 ? 0 : previous.last;
  for (const id of ids) {
    if (byId.has(id)) continue;
    // More than MAX_PLACE tickets at once: the rest go unnumbered rather than share a number (tap them).
    if (inUse.size >= MAX_PLACE) break;
    let next = last;
    do next = next >= MAX_PLACE ? 1 : next + 1;
    while (inUse.has(next));
    byId.set(id, next);
    inUse.add(next);
    last = next;
  }
  return { byId, last };
}

/** The order id that holds `place`, or null. */
export function ticketAt(places: TicketPlaces, place: number): string | null {
  for (const [id, held] of places.byId) if (held === place) return id;
  return null;
}
