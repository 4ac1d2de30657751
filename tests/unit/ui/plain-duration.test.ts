// Durations in words on the Report and Diagnostics screens: no "p50", no "115 s / 2.2 min".
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../../src/i18n.ts';
import { plainDelay, plainDuration } from '../../../src/plain-duration.ts';

// The words come from the English catalogues, as on a device whose language is English.
beforeAll(() => activate('en', { waitForAll: true }));

describe('plainDuration', () => {
  it('reads as minutes and hours, rounded', () => {
    expect([null, 0, 59, 60, 115, 132, 3599, 3600, 3900].map(plainDuration)).toEqual([
      'not measured yet',
      'under a minute',
      'under a minute',
      '1 min',
      '2 min',
      '2 min',
      '1 h',
      '1 h',
      '1 h 5 min',
    ]);
  });
});

describe('plainDelay', () => {
  it('calls a display within the 100 ms budget instant, and slower ones by their size', () => {
    expect([null, 12, 100, 101, 999, 2200].map(plainDelay)).toEqual([
      'not measured yet',
      'instant (12 ms)',
      'instant (100 ms)',
      '101 ms',
      '999 ms',
      '2.2 s',
    ]);
  });
});
