// How the Menu screen's parts run an edit: `run(key, edit)` sends it on the newest menu, shows the menu it
// answers, and on failure keeps the server's message under `key` (shown next to what it concerns). Edits
// run one at a time (createEditQueue): two taps in a row must not both send the same If-Match.
import type { MenuResponse } from '../../protocol/menu.ts';

export type MenuEdit = (menu: MenuResponse) => Promise<MenuResponse>;
export type MenuRun = (key: string, edit: MenuEdit) => Promise<boolean>;

/** The parts' shared props: the shown menu, the runner and the messages by key. */
export interface MenuPartProps {
  menu: MenuResponse;
  run: MenuRun;
  errors: Readonly<Record<string, string>>;
}

/**
 * Runs edits strictly one after another, each starting once the one before has answered (or failed), so
 * each reads the menu, and so the If-Match version, that the previous edit published. Without it a second
 * tap sent before the first answered carried the old version and met 412.
 */
export function createEditQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    // A failed edit is its caller's to report; the queue goes on with the next one.
    tail = next.catch(() => undefined);
    return next;
  };
}

/** A short id for a new entry from its name, unique among `taken` (`oat-milk`, `oat-milk-2` …). */
export function freshId(name: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'entry';
  let id = base;
  for (let n = 2; set.has(id); n++) id = `${base}-${n}`;
  return id;
}
