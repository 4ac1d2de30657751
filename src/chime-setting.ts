// Whether the "order ready" chime is on (off unless the user turns it on), and its audio context, created
// while the user's tap on the toggle lets audio start. The sound itself is chime.ts, loaded when first played.

const STORAGE_KEY = 'orderline.chime';
let context: AudioContext | null = null;

export function isChimeOn(): boolean {
  return localStorage.getItem(STORAGE_KEY) === 'on';
}

export function setChimeOn(on: boolean): void {
  localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
  // Browsers only let audio start from a user gesture: create the context while we have one.
  if (on && !context) context = new AudioContext();
}

export function chimeContext(): AudioContext {
  return (context ??= new AudioContext());
}
