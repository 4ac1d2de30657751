// Discount presets on the Menu screen (principle 20): name, kind (per cent or amount), value and Active.
// The menu lists the active ones; switching one off removes it from the counters' pickers.
import { useState } from 'preact/hooks';
import type { Discount, DiscountKind } from '../../protocol/menu.ts';
import { formatMoney } from '../display-format.ts';
import { moneyInputText } from '../money-input.ts';
import { centsFrom } from './menu-edits.ts';
import { basisPointsFrom, putDiscount } from './menu-pricing-edits.ts';
import { freshId, type MenuPartProps, type MenuRun } from './menu-run.ts';
import { MenuError } from './menu-error.tsx';

function valueText(discount: Discount, currency: string): string {
  // A per cent in basis points (750 → "7.5"); an amount in the currency's own digits.
  return discount.kind === 'percent'
    ? String(discount.value / 100)
    : moneyInputText(discount.value, currency);
}

function DiscountRow(props: { discount: Discount | null; run: MenuRun; error?: string; currency: string }) {
  const { discount, run, error, currency } = props;
  const [name, setName] = useState(discount?.name ?? '');
  const [kind, setKind] = useState<DiscountKind>(discount?.kind ?? 'percent');
  const [value, setValue] = useState(discount ? valueText(discount, currency) : '');
  const label = discount ? discount.name : 'new discount';
  const key = discount?.id ?? 'discount-new';
  const save = (active: boolean) => {
    const body = {
      name,
      kind,
      value: kind === 'percent' ? basisPointsFrom(value) : centsFrom(value, currency),
      active,
    };
    void run(key, (menu) =>
      putDiscount(
        menu,
        discount?.id ??
          freshId(
            name,
            (menu.discounts ?? []).map((d) => d.id),
          ),
        body,
      ),
    ).then((ok) => {
      if (ok && !discount) {
        setName('');
        setValue('');
      }
    });
  };
  return (
    <form
      class="menu-inline-form"
      aria-label={discount ? `Discount ${discount.name}` : 'Add a discount'}
      onSubmit={(event) => {
        event.preventDefault();
        save(true);
      }}
    >
      <input
        aria-label={`Name of ${label}`}
        placeholder="Name"
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <select
        aria-label={`Kind of ${label}`}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as DiscountKind)}
      >
        <option value="percent">Per cent</option>
        <option value="amount">Amount ({formatMoney(0, props.currency).replace(/[0.,\s]/g, '')})</option>
      </select>
      <input
        class="menu-narrow"
        aria-label={`Value of ${label}`}
        placeholder={kind === 'percent' ? '%' : '0.00'}
        inputMode="decimal"
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <button type="submit" aria-label={discount ? `Save ${discount.name}` : undefined}>
        {discount ? 'Save' : 'Add discount'}
      </button>
      {discount ? (
        <button type="button" onClick={() => save(false)} aria-label={`Switch off ${discount.name}`}>
          Switch off
        </button>
      ) : null}
      <MenuError message={error} />
    </form>
  );
}

export function MenuDiscounts({ menu, run, errors }: MenuPartProps) {
  return (
    <section class="menu-part" aria-labelledby="menu-discounts-heading">
      <h3 id="menu-discounts-heading">Discounts</h3>
      {(menu.discounts ?? []).map((discount) => (
        <DiscountRow
          key={`${discount.id}-${menu.version}`}
          discount={discount}
          run={run}
          error={errors[discount.id]}
          currency={menu.currency}
        />
      ))}
      <DiscountRow discount={null} run={run} error={errors['discount-new']} currency={menu.currency} />
    </section>
  );
}
