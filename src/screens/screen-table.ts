// The one table of screens: path, link text, which roles may use each, and whose home it is. Navigation,
// routing and the start screen all read it; adding a screen is one line here. Pure data: no components.
import type { ComponentType } from 'preact';
import { ACCESS, ANY_ROLE, type Role } from '../../protocol/roles.ts';
import type { ScreenProps } from './screen-props.ts';

export interface ScreenEntry {
  path: string;
  /** The message id of the link's text in the `Screens` navigation (its accessible name; see src/i18n.ts). */
  label: string;
  roles: readonly Role[];
  /** Roles that open on this screen (DESIGN.md: kitchen → Kitchen, display → Ready board). */
  homeFor?: readonly Role[];
  /** A lazily loaded chunk; absent only for the Counter, which stays in the main bundle. */
  load?: () => Promise<{ default: ComponentType<ScreenProps> }>;
}

/** In navigation order. */
export const SCREENS: readonly ScreenEntry[] = [
  { path: '/', label: 'screen.counter', roles: ACCESS.createOrder, homeFor: ['owner', 'counter'] },
  {
    path: '/kitchen',
    label: 'screen.kitchen',
    roles: ['owner', 'kitchen', 'counter'],
    homeFor: ['kitchen'],
    load: () => import('./kitchen-screen.tsx'),
  },
  {
    path: '/board',
    label: 'screen.board',
    roles: ANY_ROLE,
    homeFor: ['display'],
    load: () => import('./board-screen.tsx'),
  },
  {
    path: '/history',
    label: 'screen.history',
    roles: ACCESS.history,
    load: () => import('./history-screen.tsx'),
  },
  {
    path: '/drawer',
    label: 'screen.drawer',
    roles: ACCESS.createOrder,
    load: () => import('./drawer-screen.tsx'),
  },
  {
    path: '/report',
    label: 'screen.report',
    roles: ACCESS.ownerOnly,
    load: () => import('./report-screen.tsx'),
  },
  {
    path: '/devices',
    label: 'screen.devices',
    roles: ACCESS.ownerOnly,
    load: () => import('./devices-screen.tsx'),
  },
  { path: '/menu', label: 'screen.menu', roles: ACCESS.ownerOnly, load: () => import('./menu-screen.tsx') },
  {
    path: '/printers',
    label: 'screen.printers',
    roles: ACCESS.ownerOnly,
    load: () => import('./printers-screen.tsx'),
  },
  {
    path: '/settings',
    label: 'screen.settings',
    roles: ACCESS.ownerOnly,
    load: () => import('./settings-screen.tsx'),
  },
  {
    path: '/diagnostics',
    label: 'screen.diagnostics',
    roles: ANY_ROLE,
    load: () => import('./diagnostics-screen.tsx'),
  },
];

/** Before the SW has told the page who it is (or on a build without pairing), act as a Counter device. */
export const ASSUMED_ROLE: Role = 'counter';

export function screensFor(role: Role | null, table: readonly ScreenEntry[] = SCREENS): ScreenEntry[] {
  const effective = role ?? ASSUMED_ROLE;
  return table.filter((screen) => screen.roles.includes(effective));
}

export function mayUse(screen: ScreenEntry, role: Role | null): boolean {
  return screen.roles.includes(role ?? ASSUMED_ROLE);
}

/**
 * Where a device of this role starts: the screen that names it as home, else the first screen it may use
 * (a kitchen or display device before the Kitchen and Ready board screens exist), else the Counter path.
 */
export function homePathFor(role: Role | null, table: readonly ScreenEntry[] = SCREENS): string {
  const effective = role ?? ASSUMED_ROLE;
  const home = table.find(
    (screen) => screen.homeFor?.includes(effective) && screen.roles.includes(effective),
  );
  return (home ?? screensFor(effective, table)[0])?.path ?? '/';
}
