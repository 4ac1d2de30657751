// Text hygiene for every free-text field (customer names, notes, menu and device names): a valibot
// action that rejects characters that render invisibly or reorder what staff read on a ticket.

import * as v from 'valibot';

/** Why a code point is refused; null when it is fine. Lone surrogates arrive here as single units. */
export function forbiddenReason(codePoint: number): string | null {
  if (codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f)) return 'a control character';
  if ((codePoint >= 0x202a && codePoint <= 0x202e) || (codePoint >= 0x2066 && codePoint <= 0x2069)) {
    return 'a bidi override or isolate';
  }
  // U+FDD0–FDEF and the last two code points of every plane (U+FFFE, U+1FFFF, …).
  if ((codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe) {
    return 'a noncharacter';
  }
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 'a lone surrogate';
  return null;
}

/** The first refused character of `text` as "a control character (U+0007)", or null when clean. */
export function findForbiddenCharacter(text: string): string | null {
  // for…of walks code points; a surrogate without its partner comes out on its own.
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    const reason = forbiddenReason(codePoint);
    if (reason) return `${reason} (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')})`;
  }
  return null;
}

/** The reusable pipe step: `v.pipe(v.string(), cleanText(), …)`. */
export function cleanText() {
  return v.check<string, (issue: v.CheckIssue<string>) => string>(
    (text) => findForbiddenCharacter(text) === null,
    (issue) => `must not contain ${findForbiddenCharacter(String(issue.input)) ?? 'invisible characters'}`,
  );
}

/** A free-text field: clean, and at most `maxChars` Unicode code points. */
export function cleanTextSchema(maxChars: number) {
  return v.pipe(
    v.string('must be a string'),
    cleanText(),
    v.check((s) => [...s].length <= maxChars, `must be at most ${maxChars} characters`),
  );
}
