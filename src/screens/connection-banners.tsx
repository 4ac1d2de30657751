// The two banners every online-only screen (Devices, Menu, Report) shows above its content: why it is
// disabled while the device is offline, and the last failure, as an alert.
import { t } from '../i18n.ts';

export interface ConnectionBannersProps {
  online: boolean;
  /** What this screen needs the connection for, said in one sentence. */
  needsConnection: string;
  error: string | null;
}

export function ConnectionBanners({ online, needsConnection, error }: ConnectionBannersProps) {
  return (
    <>
      {online ? null : (
        <p class="banner problem" role="status">
          {needsConnection} {t('banner.offline')}
        </p>
      )}
      {error ? (
        <p class="banner problem" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
