// Tax rates and `Prices include tax` on the Menu screen (principle 19): each rate's name and per cent,
// saved as a new menu version; a new rate is added below.
import { useState } from 'preact/hooks';
import type { TaxRate } from '../../protocol/menu.ts';
import { basisPointsFrom, putTaxRate, setPricesIncludeTax } from './menu-pricing-edits.ts';
import { freshId, type MenuPartProps, type MenuRun } from './menu-run.ts';
import { MenuError } from './menu-error.tsx';

function RateRow({ rate, run, error }: { rate: TaxRate | null; run: MenuRun; error?: string }) {
  const [name, setName] = useState(rate?.name ?? '');
  const [percent, setPercent] = useState(rate ? String(rate.rateBasisPoints / 100) : '');
  const label = rate ? rate.name : 'new tax rate';
  return (
    <form
      class="menu-inline-form"
      aria-label={rate ? `Tax rate ${rate.name}` : 'Add a tax rate'}
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
        aria-label={`Name of ${label}`}
        placeholder="Name"
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <input
        class="menu-narrow"
        aria-label={`Rate of ${label} (per cent)`}
        placeholder="%"
        inputMode="decimal"
        value={percent}
        onInput={(e) => setPercent(e.currentTarget.value)}
      />
      <span aria-hidden="true">%</span>
      <button type="submit" aria-label={rate ? `Save ${rate.name}` : undefined}>
        {rate ? 'Save' : 'Add rate'}
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
      <h3 id="menu-tax-heading">Tax rates</h3>
      <label class="menu-switch">
        <input
          type="checkbox"
          checked={includes}
          onChange={(e) => {
            const next = e.currentTarget.checked;
            void run('prices-include-tax', (m) => setPricesIncludeTax(m, next));
          }}
        />
        <span>Prices include tax</span>
      </label>
      <MenuError message={errors['prices-include-tax']} />
      {rates.map((rate) => (
        <RateRow key={`${rate.id}-${menu.version}`} rate={rate} run={run} error={errors[rate.id]} />
      ))}
      <RateRow rate={null} run={run} error={errors['tax-new']} />
    </section>
  );
}
