// The menu's currency for screens that show amounts outside the counter (History): read once per tab from
// GET /api/menu (the SW answers from its cache offline); null until known, and then amounts show without it.
import { useEffect, useState } from 'preact/hooks';
import { loadMenu } from './menu.ts';

let known: string | null = null;
let loading: Promise<string | null> | null = null;

function loadCurrency(): Promise<string | null> {
  loading ??= loadMenu().then(
    (menu) => (known = menu.currency),
    (error: unknown) => {
      // Shown without a currency sign, and asked again by the next screen that needs it.
      console.info('The menu currency could not be read', error);
      loading = null;
      return null;
    },
  );
  return loading;
}

export function useMenuCurrency(): string | null {
  const [currency, setCurrency] = useState(known);
  useEffect(() => {
    if (currency !== null) return;
    let live = true;
    void loadCurrency().then((value) => live && setCurrency(value));
    return () => {
      live = false;
    };
  }, [currency]);
  return currency;
}
