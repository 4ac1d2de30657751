// Fails on words written into the page's JSX instead of the message catalogues (principle 25): text between
// tags, and the attributes people read (aria-label, placeholder, title, alt, label). Symbols and numbers are
// fine. Files not converted yet are listed by name, so the list can only shrink.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../../../src');
const READ_ATTRIBUTES = new Set(['aria-label', 'placeholder', 'title', 'alt', 'label', 'aria-description']);
const WORD = /\p{L}{2,}/u;
/** Names that are the same in every language. */
const NAMES = new Set(['Orderline']);

/** `line: text` of each literal in a .tsx file's JSX. */
export function jsxLiterals(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && WORD.test(node.text) && !NAMES.has(node.text.trim()))
      found.push(`${at(node)}: ${node.text.trim()}`);
    if (
      ts.isJsxAttribute(node) &&
      READ_ATTRIBUTES.has(node.name.getText(file)) &&
      node.initializer !== undefined &&
      ts.isStringLiteral(node.initializer) &&
      WORD.test(node.initializer.text)
    )
      found.push(`${at(node)}: ${node.name.getText(file)}="${node.initializer.text}"`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('no words in JSX outside the catalogues', () => {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx'));
  it('finds a literal (the check itself works)', () => {
    expect(jsxLiterals('x.tsx', 'const a = <p title="Hello there">Place order</p>;')).toHaveLength(2);
    expect(jsxLiterals('x.tsx', "const a = <p title={t('x')}>{t('cart.place')} – 2</p>;")).toEqual([]);
  });
  // Every screen and part: none is left in English only (issue 24).
  for (const file of files) {
    it(file, () => {
      expect(jsxLiterals(file, readFileSync(join(src, file), 'utf8'))).toEqual([]);
    });
  }
});
