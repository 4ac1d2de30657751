// Page-level UI state that is not order data: the update prompt, a problem banner, the last
// action error. A tiny observable so components outside the orders list can subscribe to it.

export interface UiFields {
  updateAvailable: boolean;
  /** Something that stops the app working (worker failed, storage unreadable). */
  problem: string | null;
  /** The last intent the SW refused, shown until the next action. */
  actionError: string | null;
}

export class UiState {
  fields: UiFields = { updateAvailable: false, problem: null, actionError: null };
  private listeners = new Set<() => void>();

  set(patch: Partial<UiFields>): void {
    this.fields = { ...this.fields, ...patch };
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
