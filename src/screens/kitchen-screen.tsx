// The Kitchen screen (`/kitchen`, a lazy chunk): the ticket grid (oldest first) with live timers, tap or
// button to bump, a keyboard bump bar, the All day totals, and an optional chime for new tickets. A bump
// is an ordinary `set-status` intent to the SW: optimistic, queued offline, sent exactly once. The owner's
// warning/late thresholds come from the shop's settings (pushed live); the owner edits them here.
import { PrinterAlerts } from '../components/deferred-parts.ts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ClientOrder } from '../../protocol/order.ts';
import { playChime } from '../chime.ts';
import { AllDay } from '../kitchen/all-day.tsx';
import {
  EMPTY_OVERLAY,
  shownStatus,
  withBump,
  withoutBump,
  type BumpOverlay,
} from '../kitchen/bump-overlay.ts';
import { bumpBarKey, EMPTY_BUMP_BAR, pickedPlace, type BumpBarState } from '../kitchen/bump-bar.ts';
import { KitchenTicket } from '../kitchen/kitchen-ticket.tsx';
import { KitchenTimersForm } from '../kitchen/kitchen-timers-form.tsx';
import {
  ageLevel,
  bumpTarget,
  kitchenTickets,
  thresholdsOf,
  ticketStart,
} from '../kitchen/kitchen-tickets.ts';
import { createTicketClock } from '../kitchen/ticket-clock.ts';
import { assignPlaces, NO_PLACES, ticketAt, type TicketPlaces } from '../kitchen/ticket-places.ts';
import { useLevelTick } from '../kitchen/use-level-tick.ts';
import { useShopSettings } from '../kitchen/use-shop-settings.ts';
import { errorMessage } from '../sw-bridge.ts';
import { useSubscription } from '../use-subscription.ts';
import type { ScreenProps } from './screen-props.ts';
import '../kitchen/kitchen.css';
import { t } from '../i18n.ts';

/** The timers show seconds. */
const TICK_MS = 1_000;

export default function KitchenScreen({ store, bridge, ui }: ScreenProps) {
  useSubscription(store, () => store.listVersion);
  // The role decides whether the owner's form shows; re-render when it is learnt.
  useSubscription(store, () => store.sync?.device?.role ?? null);
  const isOwner = store.sync?.device?.role === 'owner';
  const clock = useMemo(() => createTicketClock(TICK_MS), []);
  const settings = useShopSettings();
  const { kitchenWarningMinutes, kitchenLateMinutes } = settings;
  const thresholds = useMemo(() => thresholdsOf(settings), [kitchenWarningMinutes, kitchenLateMinutes]);
  const listVersion = store.listVersion;
  const allTickets = useMemo(() => kitchenTickets(store.orders.values()), [listVersion]);
  // The ref is what bumps read (a second tap before the first is answered moves on from the shown status);
  // the state only re-renders.
  const overlayRef = useRef<BumpOverlay>(EMPTY_OVERLAY);
  const [overlay, setOverlay] = useState<BumpOverlay>(EMPTY_OVERLAY);
  const updateOverlay = useCallback((next: BumpOverlay) => {
    overlayRef.current = next;
    setOverlay(next);
  }, []);
  // A ticket bumped to ready leaves at once.
  const tickets = useMemo(
    () => (overlay.size === 0 ? allTickets : allTickets.filter((t) => shownStatus(t, overlay) !== 'ready')),
    [allTickets, overlay],
  );
  useLevelTick(tickets, thresholds);
  // Read at render, not kept as state: a ticket that arrives already old shows its level at once.
  const now = Date.now();
  // Each ticket keeps its place number while it is on screen (ticket-places.ts): kept across renders in a ref.
  const placesRef = useRef<TicketPlaces>(NO_PLACES);
  const places = useMemo(() => {
    placesRef.current = assignPlaces(
      placesRef.current,
      tickets.map((t) => t.id),
    );
    return placesRef.current;
  }, [tickets]);
  const [bar, setBar] = useState<BumpBarState>(EMPTY_BUMP_BAR);
  const pickedNumber = pickedPlace(bar, (place) => ticketAt(places, place) !== null);
  const pickedId = pickedNumber === null ? null : ticketAt(places, pickedNumber);
  const pickedTicket = pickedId === null ? undefined : tickets.find((t) => t.id === pickedId);

  const bump = useCallback(
    (order: ClientOrder) => {
      const status = bumpTarget(shownStatus(order, overlayRef.current));
      if (status === null) return;
      const startedAt = performance.now();
      updateOverlay(withBump(overlayRef.current, order.id, status));
      const settle = () => updateOverlay(withoutBump(overlayRef.current, order.id, status));
      bridge.request({ v: 1, type: 'set-status', id: order.id, status }).then(
        (updated) => {
          store.applyReply(updated, startedAt);
          settle();
        },
        (error: unknown) => {
          // The ticket goes back to what the store says, and the reason is shown.
          settle();
          ui.set({
            actionError: t('kitchen.notBumped', { number: order.number, error: errorMessage(error) }),
          });
        },
      );
    },
    [bridge, store, ui, updateOverlay],
  );

  // The bump bar listens on the whole window, before anything else (capture): a kitchen keyboard has no focus
  // to aim, and a button focused by an earlier tap must not take the Enter that bumps the picked ticket.
  const latest = useRef({ bar, tickets, places, bump });
  latest.current = { bar, tickets, places, bump };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const { bar: state, tickets: list, places: shown, bump: doBump } = latest.current;
      const hasPlace = (place: number) => ticketAt(shown, place) !== null;
      // With nothing picked, Enter on a focused button stays that button's click.
      const result = bumpBarKey(state, event.key, Date.now(), hasPlace);
      switch (result.kind) {
        case 'ignore':
          return;
        case 'pick':
          setBar(result.state);
          break;
        case 'bump': {
          setBar(result.state);
          const id = ticketAt(shown, result.place);
          const order = list.find((t) => t.id === id);
          if (order) doBump(order);
          break;
        }
      }
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  // New tickets chime (only when the chime is on): ids seen before this render don't. From the store's
  // tickets, so one whose bump failed and comes back does not chime as new.
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    const ids = new Set(allTickets.map((t) => t.id));
    if (seen.current !== null && store.isHydrated) {
      for (const id of ids)
        if (!seen.current.has(id)) {
          playChime();
          break;
        }
    }
    if (store.isHydrated) seen.current = ids;
  }, [allTickets]);

  return (
    <main class="screen kitchen">
      <div class="kitchen-main">
        <PrinterAlerts />
        <h2 id="kitchen-heading">
          {t('screen.kitchen')} <span class="count">{tickets.length}</span>
        </h2>
        <p class="kitchen-thresholds">
          {t('kitchen.thresholds', { warning: kitchenWarningMinutes, late: kitchenLateMinutes })}
        </p>
        <p class="kitchen-help muted">
          {t('kitchen.help')}
          {pickedTicket === undefined ? null : (
            <span role="status">{t('kitchen.picked', { number: pickedTicket.number })}</span>
          )}
        </p>
        {tickets.length === 0 ? <p class="empty">{t('kitchen.none')}</p> : null}
        <ul class="tickets" aria-label={t('kitchen.tickets')}>
          {tickets.map((order) => {
            const startMs = Date.parse(ticketStart(order));
            return (
              <KitchenTicket
                key={order.id}
                order={order}
                status={shownStatus(order, overlay)}
                place={places.byId.get(order.id) ?? null}
                picked={pickedId === order.id}
                startMs={startMs}
                level={ageLevel(Math.max(0, now - startMs), thresholds)}
                clock={clock}
                onBump={bump}
              />
            );
          })}
        </ul>
      </div>
      <div class="kitchen-side">
        <AllDay tickets={tickets} />
        {isOwner ? <KitchenTimersForm settings={settings} /> : null}
      </div>
    </main>
  );
}
