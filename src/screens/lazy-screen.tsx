// Wraps a screen's dynamic import for preact-iso: a chunk that fails to load (an old tab after an update,
// a broken cache) becomes a visible alert with a way out, never a blank area.
import type { ComponentType } from 'preact';
import { lazy } from 'preact-iso';
import { t, whenAllWords } from '../i18n.ts';
import { errorMessage } from '../sw-bridge.ts';
import type { ScreenProps } from './screen-props.ts';

export function lazyScreen(
  load: () => Promise<{ default: ComponentType<ScreenProps> }>,
): ComponentType<ScreenProps> {
  // Its words come with it: the screen renders once the language's `more` catalogue is in too.
  return lazy(() =>
    Promise.all([load(), whenAllWords()])
      .then(([module]) => module)
      .catch((error: unknown) => ({
        default: function ScreenLoadFailed() {
          return (
            <main class="screen">
              <p class="banner problem" role="alert">
                {t('app.screenLoadFailed', { error: errorMessage(error) })}{' '}
                <button type="button" onClick={() => location.reload()}>
                  {t('update.reload')}
                </button>
              </p>
            </main>
          );
        },
      })),
  );
}
