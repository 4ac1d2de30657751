// Why a page gets no service worker decides what the never-blank notice says.
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../../src/i18n.ts';
import { workerSupport } from '../../../src/worker-support.ts';
import { keptChangesText } from '../../../src/screens/kept-changes.ts';

// The words come from the English catalogues, as on a device whose language is English.
beforeAll(() => activate('en', { waitForAll: true }));

describe('workerSupport', () => {
  it('blames plain HTTP first: an insecure context never gets a service worker', () => {
    expect(workerSupport(false, false)).toBe('insecure');
    expect(workerSupport(false, true)).toBe('insecure');
  });

  it('blames the browser when a secure context still has none', () => {
    expect(workerSupport(true, false)).toBe('unsupported');
  });

  it('is ok in a secure context with service workers', () => {
    expect(workerSupport(true, true)).toBe('ok');
  });
});

describe('keptChangesText', () => {
  it('counts the kept changes, singular and plural', () => {
    expect(keptChangesText(1)).toBe('1 change is kept on this device and will be sent after pairing.');
    expect(keptChangesText(3)).toBe('3 changes are kept on this device and will be sent after pairing.');
  });
});
