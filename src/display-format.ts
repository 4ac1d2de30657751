// How money and ages read on the counter screen ("€4.50", "2 min").

const moneyFormats = new Map<string, { format: Intl.NumberFormat; unit: number }>();

/** `currency` is null until the menu (which names it) has loaded: then the amount shows without a symbol. */
export function formatMoney(cents: number, currency: string | null): string {
  if (currency === null) return (cents / 100).toFixed(2);
  let entry = moneyFormats.get(currency);
  if (!entry) {
    const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    // Minor units per major one from the currency itself (JPY has none): display only, never arithmetic.
    entry = { format, unit: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
    moneyFormats.set(currency, entry);
  }
  return entry.format.format(cents / entry.unit);
}

/** Whole minutes since `iso` at `nowMs`: "just now" under a minute, then "N min", then "N h M min". */
export function formatAge(iso: string, nowMs: number): string {
  const minutes = Math.floor((nowMs - Date.parse(iso)) / 60_000);
  if (!(minutes >= 1)) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}
