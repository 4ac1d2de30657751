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
import { t } from '../i18n.ts';
import { formatDateTime } from '../when-format.ts';
import { useShopTimeZone } from '../kitchen/use-shop-settings.ts';

export default function DrawerScreen({ bridge, store }: ScreenProps) {
  const { view, error, apply } = useDrawer(bridge);
  const currency = useMenuCurrency();
  const timeZone = useShopTimeZone();
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
        setProblem(t('drawer.problem', { what, error: errorMessage(reason) }));
        return false;
      },
    );

  const drawer = view?.drawer ?? null;
  return (
    <main class="screen drawer-screen">
      <h2>{t('screen.drawer')}</h2>
      {error !== null && view === null ? (
        <p class="banner problem" role="alert">
          {t('drawer.unreadable', { error })}
        </p>
      ) : null}
      {problem ? (
        <p class="banner problem" role="alert">
          {problem}
        </p>
      ) : null}
      {view !== null && (view.pending > 0 || view.closing) ? (
        <p class="banner" role="status">
          {view.closing ? t('drawer.closing') : t('drawer.pending', { count: view.pending })}
        </p>
      ) : null}
      {view === null && error === null ? <p class="muted">{t('drawer.reading')}</p> : null}
      {view !== null && drawer === null && !view.closing ? (
        <OpenForm
          money={money}
          currency={currency}
          onOpen={(f) => act(t('drawer.notOpened'), openDrawer(bridge, f))}
        />
      ) : null}
      {drawer !== null ? (
        <section class="panel" aria-labelledby="drawer-open-heading">
          <h3 id="drawer-open-heading">{t('drawer.isOpen')}</h3>
          <dl class="device-facts">
            <dt>{t('drawer.opened')}</dt>
            <dd>{formatDateTime(drawer.openedAt, timeZone)}</dd>
            <dt>{t('drawer.float')}</dt>
            <dd>{money(drawer.floatCents)}</dd>
            <dt>{t('drawer.expectedCash')}</dt>
            <dd>{money(drawer.expectedCents)}</dd>
          </dl>
          {drawer.openedImplicitly ? <p class="warning">{t('drawer.implicit')}</p> : null}
          {drawer.movements.length > 0 ? (
            <ul aria-label={t('drawer.movements')}>
              {drawer.movements.map((m) => (
                <li key={m.id}>
                  {m.kind === 'in' ? t('drawer.paidIn') : t('drawer.paidOut')} {money(m.amountCents)}:{' '}
                  {m.reason}
                </li>
              ))}
            </ul>
          ) : null}
          {view?.closing ? null : (
            <>
              <MoveForm
                currency={currency}
                onMove={(kind, amount, reason) =>
                  act(t('drawer.notMoved'), moveDrawer(bridge, kind, amount, reason))
                }
              />
              <CloseForm
                money={money}
                currency={currency}
                expectedCents={drawer.expectedCents}
                onClose={(counted) => act(t('drawer.notClosed'), closeDrawer(bridge, counted))}
              />
            </>
          )}
        </section>
      ) : null}
      {view?.lastReport ? (
        <ZReportView report={view.lastReport} currency={currency} canDownload={owner} timeZone={timeZone} />
      ) : null}
    </main>
  );
}
