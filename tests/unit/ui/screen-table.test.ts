// The screen table: which links each role gets, and where each role opens.
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../../protocol/roles.ts';
import {
  homePathFor,
  mayUse,
  SCREENS,
  screensFor,
  type ScreenEntry,
} from '../../../src/screens/screen-table.ts';
import { activate, t } from '../../../src/i18n.ts';

// Each entry's label is a message id; the links read it in English here.
beforeAll(() => activate('en'));
const labels = (screens: ScreenEntry[]) => screens.map((screen) => t(screen.label));

describe('screensFor', () => {
  it('gives the owner every screen that exists, in navigation order', () => {
    expect(labels(screensFor('owner'))).toEqual([
      'Counter',
      'Kitchen',
      'Ready board',
      'History',
      'Drawer',
      'Report',
      'Devices',
      'Menu',
      'Printers',
      'Settings',
      'Diagnostics',
    ]);
  });

  it('keeps Report and Devices from a counter device, which still reads History', () => {
    expect(labels(screensFor('counter'))).toEqual([
      'Counter',
      'Kitchen',
      'Ready board',
      'History',
      'Drawer',
      'Diagnostics',
    ]);
  });

  it('gives kitchen and display devices no Counter (they may not create orders)', () => {
    expect(labels(screensFor('kitchen'))).not.toContain('Counter');
    expect(labels(screensFor('display'))).not.toContain('Counter');
  });

  it('treats a device whose role is not known yet as a counter', () => {
    expect(screensFor(null)).toEqual(screensFor('counter'));
  });
});

describe('homePathFor', () => {
  it('opens owner and counter devices on the Counter', () => {
    expect(homePathFor('owner')).toBe('/');
    expect(homePathFor('counter')).toBe('/');
  });

  it('opens a kitchen device on Kitchen and a display on the Ready board', () => {
    expect(homePathFor('kitchen')).toBe('/kitchen');
    expect(homePathFor('display')).toBe('/board');
  });

  it('opens a role without a home screen on the first screen it may use', () => {
    const table: ScreenEntry[] = [
      { path: '/', label: 'Counter', roles: ['owner', 'counter'], homeFor: ['owner', 'counter'] },
      { path: '/diagnostics', label: 'Diagnostics', roles: ROLES },
    ];
    expect(homePathFor('kitchen', table)).toBe('/diagnostics');
  });

  it('never sends a role to a screen it may not use', () => {
    for (const role of ROLES) {
      const home = SCREENS.find((screen) => screen.path === homePathFor(role));
      expect(home && mayUse(home, role)).toBe(true);
    }
  });
});

describe('SCREENS', () => {
  it('loads every screen but the Counter as its own chunk', () => {
    for (const screen of SCREENS) expect(screen.load === undefined).toBe(screen.path === '/');
  });

  it('has one entry per path', () => {
    expect(new Set(SCREENS.map((screen) => screen.path)).size).toBe(SCREENS.length);
  });
});
