// A short two-note chime (WebAudio) when an order becomes ready; off unless the user turns it on.

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

export function playChime(): void {
  if (!isChimeOn()) return;
  context ??= new AudioContext();
  const start = context.currentTime;
  [660, 880].forEach((frequency, i) => {
    const osc = context!.createOscillator();
    const gain = context!.createGain();
    osc.frequency.value = frequency;
    const t = start + i * 0.15;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.3);
    osc.connect(gain).connect(context!.destination);
    osc.start(t);
    osc.stop(t + 0.32);
  });
}
