// The message catalogues (src/locales/<locale>/messages.po) against English: every key English has, no key
// English lacks, the same placeholders, valid ICU; the compiled modules match their catalogues; every
// message id the page asks for exists.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileMessageOrThrow, type CompiledMessage } from '@lingui/message-utils/compileMessage';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../protocol/locales.ts';

const root = join(import.meta.dirname, '../../..');

/** msgid → msgstr of a .po file (one-line strings, as our catalogues are written). */
export function readPo(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  const unquote = (s: string) => JSON.parse(s) as string;
  let id: string | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('msgid ')) id = unquote(line.slice(6));
    else if (line.startsWith('msgstr ') && id !== null) {
      if (id !== '') entries.set(id, unquote(line.slice(7)));
      id = null;
    }
  }
  return entries;
}

/** The names a compiled message fills in: `{name}` and the argument of a plural or select. */
export function placeholders(message: CompiledMessage): Set<string> {
  const names = new Set<string>();
  // A message is a list of tokens: text, or [name] / [name, 'plural' | 'select' …, { branch: message }].
  const walk = (tokens: unknown): void => {
    if (!Array.isArray(tokens)) return;
    for (const token of tokens) {
      if (!Array.isArray(token)) continue;
      names.add(String(token[0]));
      const branches: unknown = token[2];
      if (branches && typeof branches === 'object')
        for (const branch of Object.values(branches)) walk(branch);
    }
  };
  walk(message);
  return names;
}

/** `messages`: the first paint's words; `more`: the rest (src/i18n.ts); `server`: the server's (shop-words.ts). */
const FILES = ['messages', 'more', 'server'] as const;
const catalogue = (locale: string, file: string) =>
  readPo(readFileSync(join(root, `src/locales/${locale}/${file}.po`), 'utf8'));
const englishFiles = FILES.map((file) => catalogue('en', file));
const english = new Map(englishFiles.flatMap((entries) => [...entries]));

describe('message catalogues', () => {
  it('English has messages, each id in one file only', () => {
    expect(english.size).toBeGreaterThan(50);
    expect(english.size).toBe(englishFiles.reduce((sum, entries) => sum + entries.size, 0));
  });

  for (const locale of LOCALES)
    for (const [f, file] of FILES.entries()) {
      const messages = catalogue(locale, file);
      const english = englishFiles[f]!;
      it(`${locale} ${file}: every key English has, none it lacks, no empty message`, () => {
        expect([...english.keys()].filter((id) => !messages.has(id))).toEqual([]);
        expect([...messages.keys()].filter((id) => !english.has(id))).toEqual([]);
        expect([...messages].filter(([, text]) => text.trim() === '').map(([id]) => id)).toEqual([]);
      });
      it(`${locale} ${file}: valid ICU with exactly English's placeholders`, () => {
        for (const [id, text] of messages) {
          const mine = [...placeholders(compileMessageOrThrow(text))].sort();
          const theirs = [...placeholders(compileMessageOrThrow(english.get(id) ?? ''))].sort();
          expect(mine, `${locale} ${id}`).toEqual(theirs);
        }
      });
      it(`${locale} ${file}: the compiled module is up to date (npm run i18n:compile)`, async () => {
        const { messages: compiled } = (await import(`../../../src/locales/${locale}/${file}.ts`)) as {
          messages: Record<string, unknown>;
        };
        expect(Object.keys(compiled).sort()).toEqual([...messages.keys()].sort());
        for (const [id, text] of messages) expect(compiled[id], id).toEqual(compileMessageOrThrow(text));
      });
    }

  it('every message id the page asks for is in the English catalogue', () => {
    const missing: string[] = [];
    const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) =>
      /\.tsx?$/.test(file),
    );
    for (const file of files) {
      const text = readFileSync(join(root, 'src', file), 'utf8');
      // t('id'), and the ids tables hand to t(): 'area.word' strings.
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'/g))
        if (!english.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
    }
    expect(missing).toEqual([]);
  });
});
