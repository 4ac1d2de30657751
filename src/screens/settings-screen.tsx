// The Settings screen (`/settings`, owner): the shop's details that receipts, reports and CSV use — name,
// address, tax id, receipt footer, locale and time zone — saved with PATCH /api/settings. Needs a connection.
import './settings-screen.css';
import { useEffect, useState } from 'preact/hooks';
import { ADDRESS_LINES_MAX, SETTINGS_TEXT_MAX, type ShopSettings } from '../../protocol/settings.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { settingsSaved } from '../kitchen/use-shop-settings.ts';
import type { ScreenProps } from './screen-props.ts';
import { addressLines, localeChoices, timeZoneChoices } from './settings-choices.ts';
import { t } from '../i18n.ts';

const failure = (reason: unknown) => describeFailure(reason, t('settings.needsConnection'));

interface Draft {
  shopName: string;
  address: string;
  taxId: string;
  receiptFooter: string;
  locale: string;
  timeZone: string;
}

function draftOf(settings: ShopSettings): Draft {
  const { shopName, taxId, receiptFooter, locale, timeZone } = settings;
  return { shopName, address: settings.address.join('\n'), taxId, receiptFooter, locale, timeZone };
}

export default function SettingsScreen(_props: ScreenProps) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    apiRequest<ShopSettings>('GET', '/api/settings').then(
      (settings) => setDraft(draftOf(settings)),
      (reason: unknown) => setError(t('settings.loadFailed', { reason: failure(reason) })),
    );
  }, []);

  if (draft === null) {
    return (
      <main class="screen settings">
        <h2>{t('settings.heading')}</h2>
        {error ? (
          <p role="alert" class="error">
            {error}
          </p>
        ) : (
          <p class="muted">{t('settings.loading')}</p>
        )}
      </main>
    );
  }

  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setStatus(null);
  };
  const lines = addressLines(draft.address);

  const save = async (event: Event) => {
    event.preventDefault();
    setStatus(null);
    if (lines.length > ADDRESS_LINES_MAX) {
      setError(t('settings.addressTooLong', { lines: lines.length, max: ADDRESS_LINES_MAX }));
      return;
    }
    setSaving(true);
    try {
      const saved = await apiRequest<ShopSettings>('PATCH', '/api/settings', {
        shopName: draft.shopName,
        address: lines,
        taxId: draft.taxId,
        receiptFooter: draft.receiptFooter,
        locale: draft.locale,
        timeZone: draft.timeZone,
      });
      settingsSaved(saved);
      setDraft(draftOf(saved));
      setError(null);
      setStatus(t('settings.saved'));
    } catch (reason) {
      setError(t('settings.saveFailed', { reason: failure(reason) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <main class="screen settings">
      <h2>{t('settings.heading')}</h2>
      <form
        class="panel settings-form"
        aria-label={t('settings.form')}
        onSubmit={(event) => void save(event)}
      >
        <fieldset>
          <legend>{t('settings.shopDetails')}</legend>
          <p class="muted">{t('settings.shopDetailsHelp')}</p>
          <label>
            <span>{t('settings.shopName')}</span>
            <input
              name="shopName"
              maxLength={SETTINGS_TEXT_MAX.shopName}
              autoComplete="organization"
              value={draft.shopName}
              onInput={(e) => set({ shopName: e.currentTarget.value })}
            />
          </label>
          <label>
            <span>{t('settings.address')}</span>
            <textarea
              name="address"
              rows={ADDRESS_LINES_MAX}
              aria-describedby="settings-address-hint"
              aria-invalid={lines.length > ADDRESS_LINES_MAX}
              value={draft.address}
              onInput={(e) => set({ address: e.currentTarget.value })}
            />
          </label>
          <p id="settings-address-hint" class={lines.length > ADDRESS_LINES_MAX ? 'error' : 'muted'}>
            {t('settings.addressHint', { max: ADDRESS_LINES_MAX, now: lines.length })}
          </p>
          <label>
            <span>{t('settings.taxId')}</span>
            <input
              name="taxId"
              maxLength={SETTINGS_TEXT_MAX.taxId}
              value={draft.taxId}
              onInput={(e) => set({ taxId: e.currentTarget.value })}
            />
          </label>
          <label>
            <span>{t('settings.receiptFooter')}</span>
            <textarea
              name="receiptFooter"
              rows={2}
              maxLength={SETTINGS_TEXT_MAX.receiptFooter}
              value={draft.receiptFooter}
              onInput={(e) => set({ receiptFooter: e.currentTarget.value })}
            />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('settings.localeAndTime')}</legend>
          <p class="muted">{t('settings.localeHelp')}</p>
          <label>
            <span>{t('settings.locale')}</span>
            <select value={draft.locale} onChange={(e) => set({ locale: e.currentTarget.value })}>
              {localeChoices(draft.locale).map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('settings.timeZone')}</span>
            <select value={draft.timeZone} onChange={(e) => set({ timeZone: e.currentTarget.value })}>
              {timeZoneChoices(draft.timeZone).map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        {error ? (
          <p role="alert" class="error">
            {error}
          </p>
        ) : null}
        <div class="settings-actions">
          <button type="submit" class="primary" disabled={saving}>
            {saving ? t('settings.saving') : t('settings.save')}
          </button>
          <span role="status">{status}</span>
        </div>
      </form>
    </main>
  );
}
