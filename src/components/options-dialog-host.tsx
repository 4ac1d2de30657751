// The options dialog for the item being added, in the cart's money chunk (cart-money.ts, loaded after the
// first paint; deferred-parts.ts fetches it on the tap when it is not in yet): focus goes back to `Add <item>`.
import OptionsDialog, { type OptionsDialogProps } from './options-dialog.tsx';

export type OptionsDialogHostProps = OptionsDialogProps & { opener: HTMLElement | null };

export function OptionsDialogHost(props: OptionsDialogHostProps) {
  const { opener, onClose, onAdd, ...rest } = props;
  const restore = () => {
    if (opener?.isConnected) opener.focus();
  };
  return (
    <OptionsDialog
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
