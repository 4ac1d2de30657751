// How the Menu screen's parts run an edit: `run(key, edit)` sends it on the newest menu, shows the menu it
// answers, and on failure keeps the server's message under `key` (shown next to what it concerns).
import type { MenuResponse } from '../../protocol/menu.ts';

export type MenuEdit = (menu: MenuResponse) => Promise<MenuResponse>;
export type MenuRun = (key: string, edit: MenuEdit) => Promise<boolean>;

/** The parts' shared props: the shown menu, the runner and the messages by key. */
export interface MenuPartProps {
  menu: MenuResponse;
  run: MenuRun;
  errors: Readonly<Record<string, string>>;
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
