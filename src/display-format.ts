// How money and ages read on the counter screen ("€4.50", "2 min").

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** `currency` is null until the menu (which names it) has loaded: then the amount shows without a symbol. */
export function formatMoney(cents: number, currency: string | null): string {
  if (currency === null) return (cents / 100).toFixed(2);
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format.format(cents / 100);
}

/** Whole minutes since `iso` at `nowMs`: "just now" under a minute, then "N min", then "N h M min". */
export function formatAge(iso: string, nowMs: number): string {
  const minutes = Math.floor((nowMs - Date.parse(iso)) / 60_000);
  if (!(minutes >= 1)) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}
