// A ticket's running timer ("3:07", then " Warning" or " Late"): it re-renders itself on each tick of the
// shared clock, so the ticket around it (items, notes, button) is not rendered again every second.
import { useEffect, useState } from 'preact/hooks';
import { formatTimer, type AgeLevel } from './kitchen-tickets.ts';
import type { TicketClock } from './ticket-clock.ts';
import { t } from '../i18n.ts';

/** Message ids of the level words (a fresh ticket says none). */
const LEVEL_WORD: Record<AgeLevel, string> = { fresh: '', warning: 'ticket.warning', late: 'ticket.late' };

export interface TicketTimerProps {
  clock: TicketClock;
  /** When the ticket's clock started (ms since the epoch). */
  startMs: number;
  /** Decided by the screen, so the words and the ticket's class never disagree. */
  level: AgeLevel;
}

export function TicketTimer({ clock, startMs, level }: TicketTimerProps) {
  const [now, setNow] = useState(clock.now);
  useEffect(() => clock.subscribe(setNow), [clock]);
  return (
    <span class="ticket-timer">
      <span class="visually-hidden">{t('ticket.waiting')}</span>
      {formatTimer(Math.max(0, now - startMs))}
      {level === 'fresh' ? null : <span class="ticket-level"> {t(LEVEL_WORD[level])}</span>}
    </span>
  );
}
