// Loads the options dialog's chunk on demand (and once the counter has painted, so it is ready on the first
// tap and offline) and renders it for the item being added; focus goes back to the `Add <item>` button.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { OptionsDialogProps } from './options-dialog.tsx';
import { t, whenAllWords } from '../i18n.ts';

type Dialog = ComponentType<OptionsDialogProps>;
let loaded: Dialog | null = null;
let loading: Promise<Dialog> | null = null;

export function loadOptionsDialog(): Promise<Dialog> {
  // Its words come with it (the language's `more` catalogue), also when it fails: the alert is worded too.
  loading ??= Promise.all([import('./options-dialog.tsx'), whenAllWords()]).then(
    ([module]) => (loaded = module.default),
    async (error: unknown) => {
      loading = null; // a later tap tries again
      await whenAllWords();
      throw error;
    },
  );
  return loading;
}

/** Fetches the chunk when the browser is idle after the first paint. */
export function preloadOptionsDialog(): void {
  const start = () => void loadOptionsDialog().catch(() => undefined);
  if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 500);
}

export function OptionsDialogHost(props: OptionsDialogProps & { opener: HTMLElement | null }) {
  const [Dialog, setDialog] = useState<Dialog | null>(() => loaded);
  const [failed, setFailed] = useState<string | null>(null);
  const { opener, onClose, onAdd, ...rest } = props;
  useEffect(() => {
    if (!Dialog)
      loadOptionsDialog().then(
        (d) => setDialog(() => d),
        (e: unknown) => setFailed(String(e)),
      );
  }, [Dialog]);
  const restore = () => {
    if (opener?.isConnected) opener.focus();
  };
  if (failed)
    return (
      <p class="banner problem" role="alert">
        {t('options.loadFailed', { error: failed })}{' '}
        <button type="button" onClick={onClose}>
          {t('pay.close')}
        </button>
      </p>
    );
  if (!Dialog) return null;
  return (
    <Dialog
      {...rest}
      onAdd={(priced) => {
        onAdd(priced);
        restore();
      }}
      onClose={() => {
        onClose();
        restore();
      }}
    />
  );
}
