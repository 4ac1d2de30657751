// The keyboard bump bar as a pure state machine: digits pick a ticket by its place (1 = first; several
// digits typed quickly make 12), Enter bumps the picked ticket, Escape clears the pick.

export interface BumpBarState {
  /** The digits typed so far ("" = nothing picked). */
  typed: string;
  /** When the last digit came, to start a new number after a pause. */
  typedAt: number;
}

export type BumpBarResult =
  | { kind: 'pick'; state: BumpBarState; index: number | null }
  | { kind: 'bump'; state: BumpBarState; index: number }
  | { kind: 'ignore' };

export const EMPTY_BUMP_BAR: BumpBarState = { typed: '', typedAt: 0 };

/** Digits typed further apart than this start a new number. */
export const DIGIT_PAUSE_MS = 1_000;

/** The 0-based ticket index the typed digits name, or null when none (0, or past the last ticket). */
export function pickedIndex(state: BumpBarState, ticketCount: number): number | null {
  if (state.typed === '') return null;
  const place = Number(state.typed);
  return place >= 1 && place <= ticketCount ? place - 1 : null;
}

export function bumpBarKey(
  state: BumpBarState,
  key: string,
  nowMs: number,
  ticketCount: number,
): BumpBarResult {
  if (/^[0-9]$/.test(key)) {
    const continues = state.typed !== '' && nowMs - state.typedAt < DIGIT_PAUSE_MS;
    let typed = continues ? state.typed + key : key;
    // A number past the last ticket starts over from this digit (typing 3 then 4 with 5 tickets picks 4).
    if (continues && Number(typed) > ticketCount) typed = key;
    const next = { typed, typedAt: nowMs };
    return { kind: 'pick', state: next, index: pickedIndex(next, ticketCount) };
  }
  if (key === 'Escape') return { kind: 'pick', state: EMPTY_BUMP_BAR, index: null };
  if (key === 'Enter') {
    const index = pickedIndex(state, ticketCount);
    if (index === null) return { kind: 'ignore' };
    return { kind: 'bump', state: EMPTY_BUMP_BAR, index };
  }
  return { kind: 'ignore' };
}
