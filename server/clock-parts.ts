// The wall clock of an instant in a time zone, as numbered parts: the CSV exports and printed receipts all write
// the shop's local time, each in its own layout, from these same parts.

export interface ClockParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  /** `+02:00`, `-05:30`, or `` for UTC (`GMT` with no offset). */
  offset: string;
}

/**
 * Two-digit parts (four for the year) of `date` on the clock of `timeZone` (the host's when undefined), 00–23
 * hours. Throws RangeError for an unknown zone, as Intl does.
 */
export function clockParts(date: Date, timeZone?: string): ClockParts {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
    offset: part('timeZoneName').replace(/^GMT/, ''),
  };
}
