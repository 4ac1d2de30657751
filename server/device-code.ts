// Device codes for ticket numbers (`B-017`): the n-th device gets A, B, … Z, AA, AB, … ZZZ.
// Pure, so the store and the tests agree on the sequence.

export const MAX_DEVICE_ORDINAL = 26 + 26 ** 2 + 26 ** 3;

/** Bijective base-26 spelling of `ordinal` (1 → A, 26 → Z, 27 → AA); 1–3 letters. */
export function deviceCodeFor(ordinal: number): string {
  if (!Number.isInteger(ordinal) || ordinal < 1 || ordinal > MAX_DEVICE_ORDINAL) {
    throw new RangeError(`device ordinal ${ordinal} is outside 1..${MAX_DEVICE_ORDINAL}`);
  }
  let code = '';
  let rest = ordinal;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    code = String.fromCharCode(65 + digit) + code;
    rest = Math.floor((rest - 1) / 26);
  }
  return code;
}
