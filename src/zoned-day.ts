// Calendar days in a named time zone (the shop's, from Settings), whatever zone this device's clock is set to:
// today's date there, and the UTC instants where one of its days starts and the next one starts.

const DAY_MS = 86_400_000;
const clocks = new Map<string, Intl.DateTimeFormat>();

/** The wall clock `timeZone` shows at `instant`, read back as if it were UTC (its offset is the difference). */
function wallClock(instant: number, timeZone: string): number {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, clock);
  }
  const parts = clock.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour') % 24,
    part('minute'),
    part('second'),
  );
}

/** YYYY-MM-DD of the calendar day `timeZone` is in at `now` (the Report's default day). */
export function zonedToday(timeZone: string, now: Date = new Date()): string {
  return new Date(wallClock(now.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The first instant of the local day whose midnight reads as `wall` (UTC milliseconds of that date). Two
 * guesses with the offsets around it; the earliest that falls on that date wins, so a day whose midnight the
 * clocks skip (Havana, Santiago: 00:00 → 01:00) starts at the jump, and one with two midnights at the first.
 */
function dayStart(wall: number, timeZone: string): number {
  const first = wall - (wallClock(wall, timeZone) - wall);
  const second = wall - (wallClock(first, timeZone) - first);
  const onTheDay = [first, second].filter((instant) => {
    const reading = wallClock(instant, timeZone);
    return reading >= wall && reading < wall + DAY_MS;
  });
  return onTheDay.length === 0 ? second : Math.min(...onTheDay);
}

/**
 * The UTC instants where the calendar day `day` (YYYY-MM-DD) starts in `timeZone` and where the next one
 * starts (23 or 25 hours apart across a DST change); null for a blank or a date not in the calendar.
 */
export function zonedDayBounds(day: string, timeZone: string): { from: string; to: string } | null {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(day);
  if (!match) return null;
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(wall).toISOString().slice(0, 10) !== day) return null;
  return {
    from: new Date(dayStart(wall, timeZone)).toISOString(),
    to: new Date(dayStart(wall + DAY_MS, timeZone)).toISOString(),
  };
}
