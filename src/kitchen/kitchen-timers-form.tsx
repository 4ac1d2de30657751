// The owner's "Kitchen timers" form on the Kitchen screen: after how many minutes a ticket turns warning
// and late. A save needs the server (PUT /api/settings, never queued): offline it says so and is disabled;
// the server's message for a bad value is shown in an alert.
import { useEffect, useState } from 'preact/hooks';
import { KITCHEN_MINUTES_MAX, KITCHEN_MINUTES_MIN, type ShopSettings } from '../../protocol/settings.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { useBrowserOnline } from '../use-browser-online.ts';
import { ConnectionBanners } from '../screens/connection-banners.tsx';
import { settingsSaved } from './use-shop-settings.ts';
import { t } from '../i18n.ts';

export function KitchenTimersForm({ settings }: { settings: ShopSettings }) {
  const online = useBrowserOnline();
  const [warning, setWarning] = useState(String(settings.kitchenWarningMinutes));
  const [late, setLate] = useState(String(settings.kitchenLateMinutes));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  // Another device (or tab) saved: show its values rather than a stale draft.
  useEffect(() => {
    setWarning(String(settings.kitchenWarningMinutes));
    setLate(String(settings.kitchenLateMinutes));
  }, [settings.kitchenWarningMinutes, settings.kitchenLateMinutes]);

  const save = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setSaved(false);
    try {
      // Sent as typed (an empty box is NaN, sent as null): the server's answer says what is wrong.
      const next = await apiRequest<ShopSettings>('PUT', '/api/settings', {
        kitchenWarningMinutes: Number(warning),
        kitchenLateMinutes: Number(late),
      });
      settingsSaved(next);
      setError(null);
      setSaved(true);
    } catch (reason) {
      setError(t('timers.saveFailed', { reason: describeFailure(reason, t('timers.needsConnection')) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="kitchen-timers" aria-labelledby="kitchen-timers-heading" onSubmit={save}>
      <h2 id="kitchen-timers-heading">{t('timers.heading')}</h2>
      <ConnectionBanners online={online} needsConnection={t('timers.needsConnection')} error={error} />
      <fieldset disabled={!online || saving}>
        <MinutesInput label={t('timers.warning')} value={warning} onChange={setWarning} />
        <MinutesInput label={t('timers.late')} value={late} onChange={setLate} />
        <button type="submit">{t('timers.save')}</button>
      </fieldset>
      {saved ? <p role="status">{t('timers.saved')}</p> : null}
    </form>
  );
}

/** A whole number of minutes within the server's range (the box's own limits; the server still checks). */
function MinutesInput(props: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      {props.label}
      <input
        type="number"
        inputMode="numeric"
        min={KITCHEN_MINUTES_MIN}
        max={KITCHEN_MINUTES_MAX}
        step={1}
        value={props.value}
        onInput={(event) => props.onChange(event.currentTarget.value)}
      />
    </label>
  );
}
