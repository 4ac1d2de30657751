// A currency's minor-unit digits (JPY 0, EUR 2, KWD 3), the one place page, SW and server read them from:
// Intl knows ISO 4217. Amounts are integers in minor units (`...Cents`); this says where the point goes.

const known = new Map<string, number>();

export function currencyDigits(currency: string): number {
  let digits = known.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2; // not a code Intl knows: the common case
    }
    known.set(currency, digits);
  }
  return digits;
}

/** Minor units as a decimal number for display only (never for arithmetic): 1250 EUR → 12.5, 1250 JPY → 1250. */
export function minorToMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}
