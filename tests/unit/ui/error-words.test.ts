// The server's error codes worded for people (src/api-request.ts): every worded code has its message in every
// catalogue, German words for a code, the server's detail kept where it names what is wrong, and no words
// (the caller shows the server's message) for a code without them or before the words are loaded.
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../protocol/locales.ts';
import { ERROR_WORDS, errorWords } from '../../../src/api-request.ts';
import { activate } from '../../../src/i18n.ts';

/** A compiled catalogue's ids (the catalogue test checks they match the .po files). */
async function ids(locale: string, file: 'messages' | 'more'): Promise<Set<string>> {
  const { messages } = (await import(`../../../src/locales/${locale}/${file}.ts`)) as {
    messages: Record<string, unknown>;
  };
  return new Set(Object.keys(messages));
}

describe('errorWords', () => {
  it('has a message for every worded code in every language, in the `more` catalogue', async () => {
    for (const locale of LOCALES) {
      const more = await ids(locale, 'more');
      expect(
        Object.values(ERROR_WORDS).filter((id) => !more.has(id)),
        locale,
      ).toEqual([]);
    }
    // The first paint's catalogue stays as it was: the words load after it.
    const first = await ids('en', 'messages');
    expect(Object.values(ERROR_WORDS).filter((id) => first.has(id))).toEqual([]);
  });

  it('says nothing before the language’s `more` words are in (the caller shows the server’s message)', async () => {
    await activate('de');
    expect(errorWords('version_conflict', 'the menu is at version 4; reload it and edit again')).toBeNull();
  });

  it('words a code in German', async () => {
    await activate('de', { waitForAll: true });
    expect(errorWords('version_conflict', 'the menu is at version 4; reload it and edit again')).toBe(
      'Die Speisekarte wurde inzwischen auf einem anderen Gerät geändert: Laden Sie sie neu und nehmen Sie Ihre Änderung noch einmal vor.',
    );
    expect(errorWords('no_open_drawer', 'this device has no open drawer')).toBe(
      'Auf diesem Gerät ist keine Kassenlade offen: Öffnen Sie zuerst eine.',
    );
    // The bad entry the server names stays shown.
    expect(errorWords('invalid_menu', 'items[2].price: must be a whole number of cents')).toBe(
      'Die Speisekarte wurde nicht angenommen: items[2].price: must be a whole number of cents',
    );
  });

  it('has no words for a code it does not know, nor for inherited names', async () => {
    await activate('fr', { waitForAll: true });
    expect(errorWords('teapot_busy', 'The teapot is busy.')).toBeNull();
    expect(errorWords('toString', 'x')).toBeNull();
    expect(errorWords('order_finished', 'the order is finished')).toBe(
      'La commande est déjà terminée : elle ne peut plus être modifiée.',
    );
  });
});
