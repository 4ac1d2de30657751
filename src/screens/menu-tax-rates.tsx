// Tax rates and `Prices include tax` on the Menu screen (principle 19): each rate's name and per cent,
// saved as a new menu version; a new rate is added below.
import { useState } from 'preact/hooks';
import type { TaxRate } from '../../protocol/menu.ts';
import { basisPointsFrom, putTaxRate, setPricesIncludeTax } from './menu-pricing-edits.ts';
import { freshId, type MenuPartProps, type MenuRun } from './menu-run.ts';
import { MenuError } from './menu-error.tsx';
import { t } from '../i18n.ts';

function RateRow({ rate, run, error }: { rate: TaxRate | null; run: MenuRun; error?: string }) {
  const [name, setName] = useState(rate?.name ?? '');
  const [percent, setPercent] = useState(rate ? String(rate.rateBasisPoints / 100) : '');
  // A new rate has its own words (no name to put in), so each language can word it as it must.
  const of = (named: string, unnamed: string) => (rate ? t(named, { name: rate.name }) : t(unnamed));
  return (
    <form
      class="menu-inline-form"
      aria-label={rate ? t('menu.taxRateNamed', { name: rate.name }) : t('menu.addTaxRateForm')}
      onSubmit={(event) => {
        event.preventDefault();
        const body = { name, rateBasisPoints: basisPointsFrom(percent) };
        void run(rate?.id ?? 'tax-new', (menu) =>
          putTaxRate(
            menu,
            rate?.id ??
              freshId(
                name,
                (menu.taxRates ?? []).map((r) => r.id),
              ),
            body,
          ),
        ).then((ok) => {
          if (ok && !rate) {
            setName('');
            setPercent('');
          }
        });
      }}
    >
      <input
        aria-label={of('menu.nameOf', 'menu.newTaxRateName')}
        placeholder={t('menu.name')}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <input
        class="menu-narrow"
        aria-label={of('menu.rateOf', 'menu.newTaxRateRate')}
        placeholder="%"
        inputMode="decimal"
        value={percent}
        onInput={(e) => setPercent(e.currentTarget.value)}
      />
      <span aria-hidden="true">%</span>
      <button type="submit" aria-label={rate ? t('menu.saveNamed', { name: rate.name }) : undefined}>
        {rate ? t('menu.save') : t('menu.addRate')}
      </button>
      <MenuError message={error} />
    </form>
  );
}

export function MenuTaxRates({ menu, run, errors }: MenuPartProps) {
  const rates = menu.taxRates ?? [];
  const includes = menu.pricesIncludeTax ?? true;
  return (
    <section class="menu-part" aria-labelledby="menu-tax-heading">
      <h3 id="menu-tax-heading">{t('menu.taxRates')}</h3>
      <label class="menu-switch">
        <input
          type="checkbox"
          checked={includes}
          onChange={(e) => {
            const next = e.currentTarget.checked;
            void run('prices-include-tax', (m) => setPricesIncludeTax(m, next));
          }}
        />
        <span>{t('menu.pricesIncludeTax')}</span>
      </label>
      <MenuError message={errors['prices-include-tax']} />
      {rates.map((rate) => (
        <RateRow key={`${rate.id}-${menu.version}`} rate={rate} run={run} error={errors[rate.id]} />
      ))}
      <RateRow rate={null} run={run} error={errors['tax-new']} />
    </section>
  );
}
