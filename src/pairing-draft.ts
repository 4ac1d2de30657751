// What someone typed into the Pairing screen, kept for the life of the tab: the screen can be drawn twice on a
// first visit (once before the worker's first answer, once after), and a redraw must never empty the form.

export interface PairingDraft {
  code: string;
  name: string;
}

interface Kept extends PairingDraft {
  /** The `/pair?code=…` the draft started from: a different link later means a new code to use. */
  linkCode: string;
}

/** Module state, not component state: it outlives a remount of the Pairing screen within this tab. */
let kept: Kept | null = null;

/** The kept draft, or the starting values (the link's code, the last known name) when there is none. */
export function readPairingDraft(linkCode: string, initialName: string): PairingDraft {
  if (kept === null || kept.linkCode !== linkCode) {
    kept = { code: linkCode, name: initialName, linkCode };
  }
  return { code: kept.code, name: kept.name };
}

export function keepPairingDraft(next: PairingDraft): void {
  kept = { linkCode: kept?.linkCode ?? '', ...next };
}

/** After a successful pairing the form starts empty again (a later sign-out asks for a new code). */
export function clearPairingDraft(): void {
  kept = null;
}
