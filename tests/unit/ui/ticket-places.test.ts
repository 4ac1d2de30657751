// The kitchen's place numbers: stable while a ticket is on screen, never handed straight to the next ticket.
import { describe, expect, it } from 'vitest';
import { assignPlaces, MAX_PLACE, NO_PLACES, ticketAt } from '../../../src/kitchen/ticket-places.ts';

const placesOf = (places: ReturnType<typeof assignPlaces>) => Object.fromEntries(places.byId);

describe('assignPlaces', () => {
  it('numbers the first tickets 1, 2, 3 oldest first', () => {
    expect(placesOf(assignPlaces(NO_PLACES, ['a', 'b', 'c']))).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('keeps every number when a ticket leaves (nothing renumbers)', () => {
    const first = assignPlaces(NO_PLACES, ['a', 'b', 'c']);
    expect(placesOf(assignPlaces(first, ['b', 'c']))).toEqual({ b: 2, c: 3 });
  });

  it('gives a new ticket the number after the last one handed out, not a just-freed one', () => {
    const first = assignPlaces(NO_PLACES, ['a', 'b', 'c']);
    const left = assignPlaces(first, ['b', 'c']);
    expect(placesOf(assignPlaces(left, ['b', 'c', 'd']))).toEqual({ b: 2, c: 3, d: 4 });
  });

  it('wraps after the last number, skipping numbers in use', () => {
    const places = {
      byId: new Map([
        ['a', 1],
        ['z', MAX_PLACE],
      ]),
      last: MAX_PLACE,
    };
    expect(placesOf(assignPlaces(places, ['a', 'z', 'n']))).toEqual({ a: 1, z: MAX_PLACE, n: 2 });
  });

  it('starts again at 1 once the screen is empty', () => {
    const first = assignPlaces(NO_PLACES, ['a', 'b']);
    const empty = assignPlaces(first, []);
    expect(placesOf(assignPlaces(empty, ['c']))).toEqual({ c: 1 });
  });

  it('returns the same value when nothing changed, and finds a ticket by its number', () => {
    const first = assignPlaces(NO_PLACES, ['a', 'b']);
    expect(assignPlaces(first, ['a', 'b'])).toBe(first);
    expect(ticketAt(first, 2)).toBe('b');
    expect(ticketAt(first, 3)).toBeNull();
  });
});
