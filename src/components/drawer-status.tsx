// The counter's drawer status (DESIGN "Screens, part 3"): `Drawer closed` with a link to /drawer when this
// device has no open drawer; nothing while it is open or not known yet (cash taken then opens one, flagged).
import { useDrawer } from '../use-drawer.ts';
import type { SwBridge } from '../sw-bridge.ts';
import { t } from '../i18n.ts';

export function DrawerStatus({ bridge }: { bridge: SwBridge }) {
  const { view } = useDrawer(bridge);
  if (view === null || view.drawer !== null || view.closing) return null;
  return (
    <p class="drawer-status" role="status">
      {t('drawer.closed')} — <a href="/drawer">{t('drawer.open')}</a>
    </p>
  );
}
