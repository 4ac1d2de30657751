// A short two-note chime (WebAudio) when an order becomes ready; off unless the user turns it on.

import { chimeContext, isChimeOn } from './chime-setting.ts';

export function playChime(): void {
  if (!isChimeOn()) return;
  const context = chimeContext();
  const start = context.currentTime;
  [660, 880].forEach((frequency, i) => {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.frequency.value = frequency;
    const t = start + i * 0.15;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.3);
    osc.connect(gain).connect(context.destination);
    osc.start(t);
    osc.stop(t + 0.32);
  });
}
