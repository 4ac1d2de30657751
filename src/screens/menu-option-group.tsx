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
import { t } from '../i18n.ts';

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
  // A new group has its own words (no name to put in), so each language can word it as it must.
  const of = (named: string, unnamed: string) => (group ? t(named, { name: group.name }) : t(unnamed));
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
      aria-label={group ? t('menu.editNamed', { name: group.name }) : t('menu.addOptionGroup')}
      onSubmit={submit}
    >
      <div class="menu-inline-form">
        <input
          aria-label={of('menu.nameOf', 'menu.newGroupName')}
          placeholder={t('menu.groupName')}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <label>
          {t('menu.atLeast')}{' '}
          <input
            class="menu-narrow"
            inputMode="numeric"
            value={min}
            onInput={(e) => setMin(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('menu.atMost')}{' '}
          <input
            class="menu-narrow"
            inputMode="numeric"
            value={max}
            onInput={(e) => setMax(e.currentTarget.value)}
          />
        </label>
      </div>
      <ul class="menu-options" aria-label={of('menu.optionsOf', 'menu.newGroupOptions')}>
        {options.map((option, i) => {
          const what = option.name || t('menu.optionN', { n: i + 1 });
          return (
            <li key={i} class="menu-inline-form">
              <input
                aria-label={t('menu.nameOf', { name: what })}
                placeholder={t('menu.option')}
                value={option.name}
                onInput={(e) => edit(i, { name: e.currentTarget.value })}
              />
              <input
                class="menu-narrow"
                aria-label={t('menu.priceChangeOf', { name: what })}
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
                <span>{t('menu.soldOut')}</span>
              </label>
              <button
                type="button"
                aria-label={t('menu.removeNamed', { name: what })}
                onClick={() => setOptions((all) => all.filter((_, j) => j !== i))}
              >
                {t('menu.remove')}
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        onClick={() => setOptions((all) => [...all, { id: '', name: '', delta: '0.00', available: true }])}
      >
        {t('menu.addOption')}
      </button>
      <button type="submit" class="primary" aria-label={of('menu.saveNamed', 'menu.saveNewGroup')}>
        {t('menu.save')}
      </button>
      <button type="button" onClick={onDone}>
        {t('menu.cancel')}
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
  const summary = group.options.map(
    (o) =>
      `${o.name}${o.priceDeltaCents ? ` ${o.priceDeltaCents > 0 ? '+' : '−'}${formatMoney(Math.abs(o.priceDeltaCents), currency)}` : ''}${o.available ? '' : ` ${t('menu.soldOutNote')}`}`,
  );
  return (
    <li class="menu-row" data-group-id={group.id}>
      <span class="menu-row-name">
        {group.name}{' '}
        <span class="muted">
          ({group.min}–{group.max})
        </span>
      </span>
      {/* Each option isolated (bdi): right to left, a Latin name and its signed price still read in order. */}
      <span class="menu-row-detail">
        {summary.map((text, i) => (
          <span key={i}>
            {i > 0 ? ', ' : ''}
            <bdi>{text}</bdi>
          </span>
        ))}
      </span>
      <button
        type="button"
        aria-label={t('menu.editNamed', { name: group.name })}
        onClick={() => setEditing(true)}
      >
        {t('menu.edit')}
      </button>
      {confirming ? (
        <span class="menu-confirm" role="group" aria-label={t('menu.archiveAsk', { name: group.name })}>
          <span>{t('menu.archiveGroupWhat')}</span>
          <button
            type="button"
            class="danger"
            onClick={() => void run(group.id, (m) => archiveOptionGroup(m, group.id))}
          >
            {t('menu.archiveYes', { name: group.name })}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('menu.keep')}
          </button>
        </span>
      ) : (
        <button
          type="button"
          aria-label={t('menu.archiveNamed', { name: group.name })}
          onClick={() => setConfirming(true)}
        >
          {t('menu.archive')}
        </button>
      )}
      <MenuError message={error} />
    </li>
  );
}
