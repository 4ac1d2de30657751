// The labelled checkbox for the "order ready" chime (off by default).
import { useState } from 'preact/hooks';
import { isChimeOn, setChimeOn } from '../chime-setting.ts';
import { t } from '../i18n.ts';

export function ChimeToggle() {
  const [on, setOn] = useState(isChimeOn);
  return (
    <label class="toggle">
      <input
        type="checkbox"
        checked={on}
        onChange={(event) => {
          setChimeOn(event.currentTarget.checked);
          setOn(event.currentTarget.checked);
        }}
      />
      <span>{t('chime.label')}</span>
    </label>
  );
}
