// The keyboard bump bar as a pure state machine: digits pick a ticket by the place number shown on it
// (ticket-places.ts; several digits typed quickly make 12), Enter bumps the picked ticket, Escape clears the
// pick. Which numbers are on screen is the caller's: `hasPlace` answers it.

export interface BumpBarState {
  /** The digits typed so far ("" = nothing picked). */
  typed: string;
  /** When the last digit came, to start a new number after a pause. */
  typedAt: number;
}

export type BumpBarResult =
  | { kind: 'pick'; state: BumpBarState; place: number | null }
  | { kind: 'bump'; state: BumpBarState; place: number }
  | { kind: 'ignore' };

export const EMPTY_BUMP_BAR: BumpBarState = { typed: '', typedAt: 0 };

/** Digits typed further apart than this start a new number. */
export const DIGIT_PAUSE_MS = 1_000;

/** The place number the typed digits name, or null when none (nothing typed, or no ticket has it). */
export function pickedPlace(state: BumpBarState, hasPlace: (place: number) => boolean): number | null {
  if (state.typed === '') return null;
  const place = Number(state.typed);
  return hasPlace(place) ? place : null;
}

export function bumpBarKey(
  state: BumpBarState,
  key: string,
  nowMs: number,
  hasPlace: (place: number) => boolean,
): BumpBarResult {
  if (/^[0-9]$/.test(key)) {
    const continues = state.typed !== '' && nowMs - state.typedAt < DIGIT_PAUSE_MS;
    let typed = continues ? state.typed + key : key;
    // Digits that name no ticket start over from this digit (typing 3 then 4 with no ticket 34 picks 4).
    if (continues && !hasPlace(Number(typed))) typed = key;
    const next = { typed, typedAt: nowMs };
    return { kind: 'pick', state: next, place: pickedPlace(next, hasPlace) };
  }
  if (key === 'Escape') return { kind: 'pick', state: EMPTY_BUMP_BAR, place: null };
  if (key === 'Enter') {
    if (state.typed === '') return { kind: 'ignore' };
    const place = pickedPlace(state, hasPlace);
    // Digits were typed but their ticket is gone (bumped elsewhere): the Enter is still the bump bar's, so it
    // clears the pick and bumps nothing, rather than falling through to whatever button has focus.
    if (place === null) return { kind: 'pick', state: EMPTY_BUMP_BAR, place: null };
    return { kind: 'bump', state: EMPTY_BUMP_BAR, place };
  }
  return { kind: 'ignore' };
}
