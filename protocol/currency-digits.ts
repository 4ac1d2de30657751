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

/**
 * Minor units as exact decimal text with `digits` decimals and a dot (`1250`, 2 → `12.50`; JPY 0 → `1250`;
 * KWD 3 → `1.250`; `-5`, 2 → `-0.05`), by integer arithmetic: the one place the point is put. Intl takes this
 * string as an exact decimal, so formatting never goes through a float either.
 */
export function minorUnitsText(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const whole = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${whole}`;
  return `${sign}${whole.slice(0, -digits)}.${whole.slice(-digits)}`;
}

let codes: ReadonlySet<string> | null = null;

/** An ISO 4217 code this runtime's Intl formats (`EUR`, `JPY`, `KWD`), not merely three capital letters. */
export function isKnownCurrency(code: string): boolean {
  codes ??= new Set(Intl.supportedValuesOf('currency'));
  return codes.has(code);
}
