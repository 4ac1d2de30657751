// One option group on the Menu screen (principle 18): its name, how many choices (min, max) and its options
// (name, price change, sold out), edited together and saved as one new menu version. Archiving takes the
// group off every item, so it asks first.
import { useState } from 'preact/hooks';
import type { OptionGroup } from '../../protocol/menu.ts';
import { formatMoney } from '../display-format.ts';
import { archiveOptionGroup, deltaCentsFrom, putOptionGroup } from './menu-pricing-edits.ts';
import { freshId, type MenuRun } from './menu-run.ts';
import { MenuError } from './menu-error.tsx';
import { moneyInputText } from '../money-input.ts';

interface DraftOption {
  id: string;
  name: string;
  delta: string;
  available: boolean;
}

const draftOf = (group: OptionGroup | null, currency: string): DraftOption[] =>
  group?.options.map((o) => ({
    id: o.id,
    name: o.name,
    delta: moneyInputText(o.priceDeltaCents, currency),
    available: o.available,
  })) ?? [{ id: '', name: '', delta: moneyInputText(0, currency), available: true }];

export interface OptionGroupEditorProps {
  group: OptionGroup | null;
  currency: string;
  run: MenuRun;
  error: string | undefined;
  onDone: () => void;
}

export function OptionGroupEditor({ group, currency, run, error, onDone }: OptionGroupEditorProps) {
  const [name, setName] = useState(group?.name ?? '');
  const [min, setMin] = useState(String(group?.min ?? 0));
  const [max, setMax] = useState(String(group?.max ?? 1));
  const [options, setOptions] = useState<DraftOption[]>(() => draftOf(group, currency));
  const label = group?.name ?? 'new option group';
  const edit = (index: number, change: Partial<DraftOption>) =>
    setOptions((all) => all.map((o, i) => (i === index ? { ...o, ...change } : o)));

  const submit = (event: Event) => {
    event.preventDefault();
    const ids: string[] = [];
    const body = {
      name,
      min: Number(min),
      max: Number(max),
      options: options.map((o) => {
        const id = o.id || freshId(o.name, [...ids, ...options.map((x) => x.id)]);
        ids.push(id);
        return {
          id,
          name: o.name,
          priceDeltaCents: deltaCentsFrom(o.delta, currency),
          available: o.available,
        };
      }),
    };
    void run(group?.id ?? 'group-new', (menu) =>
      putOptionGroup(
        menu,
        group?.id ??
          freshId(
            name,
            (menu.optionGroups ?? []).map((g) => g.id),
          ),
        body,
      ),
    ).then((ok) => ok && onDone());
  };

  return (
    <form
      class="menu-group-form"
      aria-label={group ? `Edit ${group.name}` : 'Add an option group'}
      onSubmit={submit}
    >
      <div class="menu-inline-form">
        <input
          aria-label={`Name of ${label}`}
          placeholder="Group name"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <label>
          At least{' '}
          <input
            class="menu-narrow"
            inputMode="numeric"
            value={min}
            onInput={(e) => setMin(e.currentTarget.value)}
          />
        </label>
        <label>
          At most{' '}
          <input
            class="menu-narrow"
            inputMode="numeric"
            value={max}
            onInput={(e) => setMax(e.currentTarget.value)}
          />
        </label>
      </div>
      <ul class="menu-options" aria-label={`Options of ${label}`}>
        {options.map((option, i) => {
          const what = option.name || `option ${i + 1}`;
          return (
            <li key={i} class="menu-inline-form">
              <input
                aria-label={`Name of ${what}`}
                placeholder="Option"
                value={option.name}
                onInput={(e) => edit(i, { name: e.currentTarget.value })}
              />
              <input
                class="menu-narrow"
                aria-label={`Price change of ${what}`}
                inputMode="decimal"
                value={option.delta}
                onInput={(e) => edit(i, { delta: e.currentTarget.value })}
              />
              <label class="menu-switch">
                <input
                  type="checkbox"
                  checked={!option.available}
                  onChange={(e) => edit(i, { available: !e.currentTarget.checked })}
                />
                <span>Sold out</span>
              </label>
              <button
                type="button"
                aria-label={`Remove ${what}`}
                onClick={() => setOptions((all) => all.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        onClick={() => setOptions((all) => [...all, { id: '', name: '', delta: '0.00', available: true }])}
      >
        Add an option
      </button>
      <button
        type="submit"
        class="primary"
        aria-label={group ? `Save ${group.name}` : `Save the new option group`}
      >
        Save
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      <MenuError message={error} />
    </form>
  );
}

/** A group as a compact row: `Size (1–1): Small −€0.30, Regular, Large +€0.60`, Edit, Archive (asks first). */
export function OptionGroupRow(props: {
  group: OptionGroup;
  currency: string;
  run: MenuRun;
  error: string | undefined;
}) {
  const { group, currency, run, error } = props;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  if (editing)
    return (
      <li class="menu-row">
        <OptionGroupEditor
          group={group}
          currency={currency}
          run={run}
          error={error}
          onDone={() => setEditing(false)}
        />
      </li>
    );
  const summary = group.options
    .map(
      (o) =>
        `${o.name}${o.priceDeltaCents ? ` ${o.priceDeltaCents > 0 ? '+' : '−'}${formatMoney(Math.abs(o.priceDeltaCents), currency)}` : ''}${o.available ? '' : ' (sold out)'}`,
    )
    .join(', ');
  return (
    <li class="menu-row" data-group-id={group.id}>
      <span class="menu-row-name">
        {group.name}{' '}
        <span class="muted">
          ({group.min}–{group.max})
        </span>
      </span>
      <span class="menu-row-detail">{summary}</span>
      <button type="button" aria-label={`Edit ${group.name}`} onClick={() => setEditing(true)}>
        Edit
      </button>
      {confirming ? (
        <span class="menu-confirm" role="group" aria-label={`Archive ${group.name}?`}>
          <span>Take it off every item?</span>
          <button
            type="button"
            class="danger"
            onClick={() => void run(group.id, (m) => archiveOptionGroup(m, group.id))}
          >
            Yes, archive {group.name}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <button type="button" aria-label={`Archive ${group.name}`} onClick={() => setConfirming(true)}>
          Archive
        </button>
      )}
      <MenuError message={error} />
    </li>
  );
}
