// The options dialog (DESIGN "Screens, part 3"): a modal `dialog` named after the item, one radiogroup
// (max 1) or group of checkboxes per option group, the line's price live, `Add to order`. Loaded after the
// first paint (options-dialog-host.tsx), so the counter's first JS stays within budget.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MenuItem, MenuOption, OptionGroup } from '../../protocol/menu.ts';
import type { PricedChoice } from '../cart.ts';
import { formatMoney } from '../display-format.ts';
import './options-dialog.css';
import { t } from '../i18n.ts';
import {
  atMax,
  choose,
  groupKind,
  initialSelection,
  itemGroups,
  priceSelection,
  type Selection,
} from '../options-state.ts';

export interface OptionsDialogProps {
  item: MenuItem;
  groups: readonly OptionGroup[];
  currency: string | null;
  onAdd: (priced: PricedChoice) => void;
  onClose: () => void;
}

function delta(option: MenuOption, currency: string | null): string {
  if (option.priceDeltaCents === 0) return '';
  const sign = option.priceDeltaCents > 0 ? '+' : '−';
  return `${sign}${formatMoney(Math.abs(option.priceDeltaCents), currency)}`;
}

/** Why `Add to order` is off, in words: the first group with too few choices (more than max cannot be ticked). */
function whyNot(
  item: MenuItem,
  groups: readonly OptionGroup[],
  selection: Selection,
  reason: string,
): string {
  const short = itemGroups(item, groups).find((group) => (selection[group.id] ?? []).length < group.min);
  return short ? t('options.needs', { group: short.name, min: short.min }) : reason;
}

interface GroupProps {
  item: MenuItem;
  group: OptionGroup;
  selection: Selection;
  currency: string | null;
  onChoose: (option: string | null, on: boolean) => void;
}

function OptionGroupField({ item, group, selection, currency, onChoose }: GroupProps) {
  const kind = groupKind(group);
  const chosen = selection[group.id] ?? [];
  const headingId = `options-${item.id}-${group.id}`;
  const required = group.min >= 1;
  return (
    <div
      class="options-group"
      role={kind === 'radio' ? 'radiogroup' : 'group'}
      aria-labelledby={headingId}
      aria-required={kind === 'radio' && required ? 'true' : undefined}
    >
      <p class="options-group-name" id={headingId}>
        {group.name}
        {required ? <span class="options-required"> {t('options.required')}</span> : null}
        {kind === 'checkbox' ? (
          <span class="options-hint"> — {t('options.upTo', { max: group.max })}</span>
        ) : null}
      </p>
      {kind === 'radio' && !required ? (
        <label class="options-choice">
          <input
            type="radio"
            name={headingId}
            checked={chosen.length === 0}
            onChange={() => onChoose(null, true)}
          />
          <span>{t('options.none')}</span>
        </label>
      ) : null}
      {group.options.map((option) => (
        <label class={`options-choice${option.available ? '' : ' sold-out'}`} key={option.id}>
          <input
            type={kind}
            name={headingId}
            checked={chosen.includes(option.id)}
            disabled={atMax(selection, group, option.id)}
            onChange={(event) => onChoose(option.id, event.currentTarget.checked)}
          />
          <span>{option.name}</span>
          {option.priceDeltaCents !== 0 ? <span class="options-delta">{delta(option, currency)}</span> : null}
          {option.available ? null : <span class="options-sold-out">{t('menu.soldOut')}</span>}
        </label>
      ))}
    </div>
  );
}

export default function OptionsDialog({ item, groups, currency, onAdd, onClose }: OptionsDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [selection, setSelection] = useState<Selection>(() => initialSelection(item, groups));
  const priced = priceSelection(item, groups, selection);
  const titleId = `options-title-${item.id}`;
  // Closed before the callback, so the page is no longer inert when focus goes back to the opener.
  const finish = (then: () => void) => {
    ref.current?.close();
    then();
  };

  useEffect(() => {
    const dialog = ref.current;
    // showModal moves focus into the dialog, makes the rest inert and turns Esc into `cancel`.
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      class="options-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        finish(onClose);
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (priced.ok)
            finish(() => onAdd({ unitPriceCents: priced.unitPriceCents, options: priced.options }));
        }}
      >
        <h2 id={titleId}>{item.name}</h2>
        {itemGroups(item, groups).map((group) => (
          <OptionGroupField
            key={group.id}
            item={item}
            group={group}
            selection={selection}
            currency={currency}
            onChoose={(option, on) => setSelection((current) => choose(current, group, option, on))}
          />
        ))}
        <p class="options-price" aria-live="polite">
          {priced.ok ? (
            <>
              {t('options.price')} <strong>{formatMoney(priced.unitPriceCents, currency)}</strong>
            </>
          ) : (
            <span class="field-error">{whyNot(item, groups, selection, priced.reason)}</span>
          )}
        </p>
        <div class="options-actions">
          <button type="button" onClick={() => finish(onClose)}>
            {t('options.cancel')}
          </button>
          <button type="submit" class="primary" disabled={!priced.ok}>
            {t('options.add')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
