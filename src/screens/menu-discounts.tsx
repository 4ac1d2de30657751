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
import { t } from '../i18n.ts';

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
  // A new one has its own words (no name to put in), so each language can word it as it must.
  const name_ = discount?.name;
  const of = (named: string, unnamed: string) =>
    name_ === undefined ? t(unnamed) : t(named, { name: name_ });
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
      aria-label={discount ? t('menu.discountNamed', { name: discount.name }) : t('menu.addDiscountForm')}
      onSubmit={(event) => {
        event.preventDefault();
        save(true);
      }}
    >
      <input
        aria-label={of('menu.nameOf', 'menu.newDiscountName')}
        placeholder={t('menu.name')}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <select
        aria-label={of('menu.kindOf', 'menu.newDiscountKind')}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as DiscountKind)}
      >
        <option value="percent">{t('menu.perCent')}</option>
        <option value="amount">
          {t('menu.amountIn', { currency: formatMoney(0, props.currency).replace(/[0.,\s]/g, '') })}
        </option>
      </select>
      <input
        class="menu-narrow"
        aria-label={of('menu.valueOf', 'menu.newDiscountValue')}
        placeholder={kind === 'percent' ? '%' : '0.00'}
        inputMode="decimal"
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <button type="submit" aria-label={discount ? t('menu.saveNamed', { name: discount.name }) : undefined}>
        {discount ? t('menu.save') : t('menu.addDiscount')}
      </button>
      {discount ? (
        <button
          type="button"
          onClick={() => save(false)}
          aria-label={t('menu.switchOffNamed', { name: discount.name })}
        >
          {t('menu.switchOff')}
        </button>
      ) : null}
      <MenuError message={error} />
    </form>
  );
}

export function MenuDiscounts({ menu, run, errors }: MenuPartProps) {
  return (
    <section class="menu-part" aria-labelledby="menu-discounts-heading">
      <h3 id="menu-discounts-heading">{t('menu.discounts')}</h3>

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
