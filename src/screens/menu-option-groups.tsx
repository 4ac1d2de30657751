// The Menu screen's option groups section: every group as a row, and a form to add one.
import { useState } from 'preact/hooks';
import type { MenuPartProps } from './menu-run.ts';
import { OptionGroupEditor, OptionGroupRow } from './menu-option-group.tsx';
import { t } from '../i18n.ts';

export function MenuOptionGroups({ menu, run, errors }: MenuPartProps) {
  const [adding, setAdding] = useState(false);
  return (
    <section class="menu-part" aria-labelledby="menu-groups-heading">
      <h3 id="menu-groups-heading">{t('menu.optionGroups')}</h3>
      <ul class="menu-rows" aria-label={t('menu.optionGroups')}>
        {(menu.optionGroups ?? []).map((group) => (
          <OptionGroupRow
            key={`${group.id}-${menu.version}`}
            group={group}
            currency={menu.currency}
            run={run}
            error={errors[group.id]}
          />
        ))}
      </ul>
      {adding ? (
        <OptionGroupEditor
          group={null}
          currency={menu.currency}
          run={run}
          error={errors['group-new']}
          onDone={() => setAdding(false)}
        />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t('menu.addOptionGroup')}
        </button>
      )}
    </section>
  );
}
