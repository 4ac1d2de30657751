// The app shell: header (sync status, chime), the `Screens` navigation for this device's role, the banners,
// and the router. An unpaired or signed-out device sees the Pairing screen instead of everything else.
import { createContext, type ComponentType } from 'preact';
import { LocationProvider, Router, useLocation } from 'preact-iso';
import { useContext, useEffect } from 'preact/hooks';
import type { AuthState } from '../../protocol/messages.ts';
import type { Role } from '../../protocol/roles.ts';
import type { OrdersStore } from '../orders-store.ts';
import { CounterScreen } from '../screens/counter-screen.tsx';
import { lazyScreen } from '../screens/lazy-screen.tsx';
import type { ScreenProps } from '../screens/screen-props.ts';
import { homePathFor, mayUse, SCREENS, type ScreenEntry } from '../screens/screen-table.ts';
import { useSubscription } from '../use-subscription.ts';
import { ChimeToggle } from './chime-toggle.tsx';
import { afterPaint } from './after-paint.tsx';
import { ScreenNav } from './screen-nav.tsx';
import { SyncStatusBar } from './sync-status.tsx';
import { UpdatePrompt } from './update-prompt.tsx';
import { t } from '../i18n.ts';

/** The owner's tip after pairing: its own chunk, after the first paint. */
const OwnerWelcomeBanner = afterPaint(() =>
  import('./owner-welcome-banner.tsx').then((m) => m.OwnerWelcomeBanner),
);

const PairingScreen = lazyScreen(() => import('../screens/pairing-screen.tsx'));

/** A path this device cannot show (its role may not, or no such screen): its own chunk, after the first paint. */
const NotAvailable = afterPaint(() => import('./screen-notices.tsx').then((m) => m.NotAvailable));
const NoSuchScreen = afterPaint(() => import('./screen-notices.tsx').then((m) => m.NoSuchScreen));

/** Each table entry with its component, built once: the lazy chunk is fetched the first time it is shown. */
const ROUTES = SCREENS.map((entry) => ({
  entry,
  Screen: entry.load ? lazyScreen(entry.load) : CounterScreen,
}));

/** Who this tab is, as the SW last said; before the first snapshot the device counts as paired. */
function deviceOf(store: OrdersStore): { auth: AuthState; role: Role | null; name: string; code: string } {
  const device = store.sync?.device;
  return {
    auth: store.sync?.auth ?? 'paired',
    role: device?.role ?? null,
    name: device?.name ?? '',
    code: device?.code ?? '',
  };
}

/**
 * Which device this is, in the header: its name, and on devices that take orders the letter their order
 * numbers start with (a kitchen or display never numbers an order, so its letter would only confuse).
 */
function DeviceName({ role, name, code }: { role: Role | null; name: string; code: string }) {
  if (name === '') return null;
  const numbersOrders = role === 'counter' || role === 'owner';
  return (
    <span class="device-name">
      <span class="visually-hidden">{t('app.thisDevice')}</span>
      {name}
      {numbersOrders && code !== '' ? (
        <span class="device-code">
          <span class="visually-hidden">{t('app.codePrefix')}</span>
          {code}
        </span>
      ) : null}
    </span>
  );
}

/**
 * The tab's stores reach the screens through context, not as route props: preact-iso's Router compares
 * its children's props with JSON.stringify, which must never walk the stores (large, and cyclic).
 */
const Services = createContext<ScreenProps | null>(null);

export function App(props: ScreenProps) {
  return (
    <Services.Provider value={props}>
      <LocationProvider>
        <Shell {...props} />
      </LocationProvider>
    </Services.Provider>
  );
}

function Shell(props: ScreenProps) {
  const { store, ui, bridge } = props;
  useSubscription(ui);
  // Only a change of who this device is re-renders the shell: a sync tick must not re-render the screens.
  useSubscription(store, () => {
    const { auth, role, name, code } = deviceOf(store);
    return `${auth}/${role}/${code}/${name}`;
  });
  const { auth, role, name, code } = deviceOf(store);
  const { path } = useLocation();
  const needsPairing = auth === 'unpaired' || auth === 'signed-out';
  useHomeRedirect(role, needsPairing);
  const onPairing = path === '/pair';

  const { updateAvailable, problem, actionError } = ui.fields;
  return (
    <div class="app">
      {/* The counter's keyboard path: one Tab and Enter jump past the header and navigation to the menu. */}
      {!needsPairing && path === '/' ? (
        <a class="skip-link" href="#menu">
          {t('app.skipToMenu')}
        </a>
      ) : null}
      <header class="top">
        <div class="brand">
          <h1>Orderline</h1>
          {needsPairing ? null : <DeviceName role={role} name={name} code={code} />}
        </div>
        <SyncStatusBar store={store} />
        {/* The chime is for a device that shows orders; the Pairing screen has none. */}
        {needsPairing || onPairing ? null : (
          <div class="top-tools">
            <ChimeToggle />
          </div>
        )}
        {needsPairing ? null : <ScreenNav role={role} />}
      </header>
      {needsPairing || role !== 'owner' ? null : <OwnerWelcomeBanner />}
      {updateAvailable ? <UpdatePrompt onReload={() => bridge.applyUpdate()} /> : null}
      {problem ? (
        <p class="banner problem" role="alert">
          {problem}
        </p>
      ) : null}
      {actionError ? (
        <p class="banner problem" role="alert">
          {actionError}{' '}
          <button type="button" onClick={() => ui.set({ actionError: null })}>
            {t('app.dismiss')}
          </button>
        </p>
      ) : null}
      {needsPairing ? (
        // Inside a Router too: a lazy screen suspends by throwing, and only a Router (or ErrorBoundary) catches it.
        <Router>{[<WithServices key="pairing" default Screen={PairingScreen} />]}</Router>
      ) : (
        <Router>
          {[
            ...ROUTES.map(({ entry, Screen }) => (
              <RoleGate key={entry.path} path={entry.path} entry={entry} role={role} Screen={Screen} />
            )),
            <WithServices key="/pair" path="/pair" Screen={PairingScreen} />,
            <NotFound key="default" default role={role} />,
          ]}
        </Router>
      )}
    </div>
  );
}

/** A kitchen or display device opened at `/` goes to its own home screen once its role is known. */
function useHomeRedirect(role: Role | null, needsPairing: boolean): void {
  const { path, route } = useLocation();
  useEffect(() => {
    if (needsPairing || role === null || path !== '/') return;
    const home = homePathFor(role);
    if (home !== '/') route(home, true);
    // Only when the role becomes known or changes: a later visit to `/` is the user's choice.
  }, [role, needsPairing]);
}

/** The props preact-iso's Router reads from its children (its JSX augmentation does not reach Preact 11's JSX). */
interface Routable {
  path?: string;
  default?: boolean;
}

function WithServices({ Screen }: Routable & { Screen: ComponentType<ScreenProps> }) {
  const services = useContext(Services);
  if (services === null) throw new Error('a screen was rendered outside <App>');
  return <Screen {...services} />;
}

interface RoleGateProps extends Routable {
  entry: ScreenEntry;
  role: Role | null;
  Screen: ComponentType<ScreenProps>;
}

function RoleGate({ entry, role, Screen }: RoleGateProps) {
  return mayUse(entry, role) ? <WithServices Screen={Screen} /> : <NotAvailable entry={entry} role={role} />;
}

function NotFound({ role }: Routable & { role: Role | null }) {
  return <NoSuchScreen role={role} />;
}
