// The Drawer screen (`/drawer`, owner and counter; DESIGN principle 22): `Open drawer` with a `Float`, `Paid in`
// / `Paid out` with an amount and a `Reason`, `Close drawer` with the `Counted cash` (asked first), then the
// Z report. Every action is an intent to the SW, so it works offline: queued ones show as waiting, and a close
// waits behind this device's earlier changes before its report comes back.
import { useState } from 'preact/hooks';
import type { DrawerView } from '../../protocol/messages.ts';
import { formatMoney } from '../display-format.ts';
import { closeDrawer, moveDrawer, openDrawer } from '../payments-bridge.ts';
import { errorMessage } from '../sw-bridge.ts';
import { useDrawer } from '../use-drawer.ts';
import { useMenuCurrency } from '../use-menu-currency.ts';
import { useSubscription } from '../use-subscription.ts';
import type { ScreenProps } from './screen-props.ts';
import { CloseForm, MoveForm, OpenForm } from './drawer-forms.tsx';
import { ZReportView } from './z-report-view.tsx';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export default function DrawerScreen({ bridge, store }: ScreenProps) {
  const { view, error, apply } = useDrawer(bridge);
  const currency = useMenuCurrency();
  useSubscription(store, () => store.sync?.device?.role);
  const owner = store.sync?.device?.role === 'owner';
  const [problem, setProblem] = useState<string | null>(null);
  const money = (cents: number) => formatMoney(cents, currency);

  /** Sends an intent; its reply is the newest drawer. Resolves true once the SW took it. */
  const act = (what: string, request: Promise<DrawerView>): Promise<boolean> =>
    request.then(
      (next) => {
        apply(next);
        setProblem(null);
        return true;
      },
      (reason: unknown) => {
        setProblem(`${what}: ${errorMessage(reason)}`);
        return false;
      },
    );

  const drawer = view?.drawer ?? null;
  return (
    <main class="screen drawer-screen">
      <h2>Drawer</h2>
      {error !== null && view === null ? (
        <p class="banner problem" role="alert">
          The drawer could not be read from this device: {error}
        </p>
      ) : null}
      {problem ? (
        <p class="banner problem" role="alert">
          {problem}
        </p>
      ) : null}
      {view !== null && (view.pending > 0 || view.closing) ? (
        <p class="banner" role="status">
          {view.closing
            ? 'Closing: the count is sent once every earlier change of this device has been answered.'
            : `${view.pending} drawer ${view.pending === 1 ? 'change is' : 'changes are'} waiting to sync.`}
        </p>
      ) : null}
      {view === null && error === null ? <p class="muted">Reading the drawer…</p> : null}
      {view !== null && drawer === null && !view.closing ? (
        <OpenForm
          money={money}
          currency={currency}
          onOpen={(f) => act('The drawer was not opened', openDrawer(bridge, f))}
        />
      ) : null}
      {drawer !== null ? (
        <section class="panel" aria-labelledby="drawer-open-heading">
          <h3 id="drawer-open-heading">Drawer open</h3>
          <dl class="device-facts">
            <dt>Opened</dt>
            <dd>{when.format(new Date(drawer.openedAt))}</dd>
            <dt>Float</dt>
            <dd>{money(drawer.floatCents)}</dd>
            <dt>Expected cash</dt>
            <dd>{money(drawer.expectedCents)}</dd>
          </dl>
          {drawer.openedImplicitly ? (
            <p class="warning">Opened by a cash payment with no open drawer (float 0).</p>
          ) : null}
          {drawer.movements.length > 0 ? (
            <ul aria-label="Movements">
              {drawer.movements.map((m) => (
                <li key={m.id}>
                  {m.kind === 'in' ? 'Paid in' : 'Paid out'} {money(m.amountCents)}: {m.reason}
                </li>
              ))}
            </ul>
          ) : null}
          {view?.closing ? null : (
            <>
              <MoveForm
                currency={currency}
                onMove={(kind, amount, reason) =>
                  act('The movement was not recorded', moveDrawer(bridge, kind, amount, reason))
                }
              />
              <CloseForm
                money={money}
                currency={currency}
                expectedCents={drawer.expectedCents}
                onClose={(counted) => act('The drawer was not closed', closeDrawer(bridge, counted))}
              />
            </>
          )}
        </section>
      ) : null}
      {view?.lastReport ? (
        <ZReportView report={view.lastReport} currency={currency} canDownload={owner} />
      ) : null}
    </main>
  );
}
