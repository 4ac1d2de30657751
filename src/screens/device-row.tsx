// One device in the Devices list: name, role, ticket code, last seen, a rename field and Revoke. Revoke and a
// role change ask first (DESIGN Part 3, "Destructive actions ask first"): nothing is sent until confirmed.
import { useState } from 'preact/hooks';
import type { DeviceListEntry } from '../../protocol/pairing.ts';
import { ROLES, type Role } from '../../protocol/roles.ts';
import { connectionText, minutesAgo } from '../device-connection.ts';
import { intlLocale, t } from '../i18n.ts';
import { roleWord } from '../role-words.ts';

export function lastSeenText(lastSeenAt: string | null, now: number): string {
  if (lastSeenAt === null) return t('devices.never');
  const seconds = Math.max(0, Math.round((now - Date.parse(lastSeenAt)) / 1000));
  if (seconds < 86_400) return minutesAgo(lastSeenAt, now);
  return new Date(lastSeenAt).toLocaleDateString(intlLocale());
}

interface DeviceRowProps {
  device: DeviceListEntry;
  isThisDevice: boolean;
  disabled: boolean;
  onRename: (name: string) => Promise<void>;
  onRevoke: () => Promise<void>;
  onRole: (role: Role) => Promise<void>;
}

export function DeviceRow({ device, isThisDevice, disabled, onRename, onRevoke, onRole }: DeviceRowProps) {
  const [name, setName] = useState(device.name);
  const [busy, setBusy] = useState(false);
  /** The role picked in the select but not yet confirmed; null when the select shows the device's role. */
  const [pendingRole, setPendingRole] = useState<Role | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const inputId = `device-name-${device.id}`;
  const roleId = `device-role-${device.id}`;
  const run = (action: () => Promise<void>) => {
    setBusy(true);
    void action().finally(() => setBusy(false));
  };
  return (
    <li class={`device ${device.revoked ? 'revoked' : ''}`} data-device-id={device.id}>
      <p class="device-title">
        <strong>{device.name}</strong>{' '}
        {isThisDevice ? <span class="muted">{t('devices.thisDevice')}</span> : null}
      </p>
      <dl class="device-facts">
        <dt>{t('devices.role')}</dt>
        <dd>{roleWord(device.role)}</dd>
        <dt>{t('devices.ticketCode')}</dt>
        <dd>{device.code}</dd>
        <dt>{t('devices.lastSeen')}</dt>
        <dd>{lastSeenText(device.lastSeenAt, Date.now())}</dd>
        {device.revoked ? null : (
          <>
            <dt>{t('devices.connection')}</dt>
            <dd>{connectionText(device, Date.now())}</dd>
          </>
        )}
        {device.revoked ? (
          <>
            <dt>{t('devices.status')}</dt>
            <dd>{t('devices.revoked')}</dd>
          </>
        ) : null}
      </dl>
      {device.revoked ? null : (
        <form
          class="device-actions"
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim() !== '' && name.trim() !== device.name) run(() => onRename(name.trim()));
          }}
        >
          <label for={inputId}>{t('devices.newNameFor', { name: device.name })}</label>
          <input
            id={inputId}
            value={name}
            maxLength={60}
            onInput={(event) => setName(event.currentTarget.value)}
            disabled={disabled || busy}
          />
          <button type="submit" disabled={disabled || busy}>
            {t('devices.renameNamed', { name: device.name })}
          </button>
          {/* The owner's own device keeps its role and credential here: changing them would lock it out. */}
          {isThisDevice ? null : (
            <>
              <label for={roleId}>{t('devices.roleOf', { name: device.name })}</label>
              <select
                id={roleId}
                value={pendingRole ?? device.role}
                disabled={disabled || busy}
                onChange={(event) => {
                  const picked = event.currentTarget.value as Role;
                  setPendingRole(picked === device.role ? null : picked);
                  setConfirmRevoke(false);
                }}
              >
                {ROLES.map((option) => (
                  <option key={option} value={option}>
                    {roleWord(option)}
                  </option>
                ))}
              </select>
            </>
          )}
          {isThisDevice ? null : (
            <button
              type="button"
              class="danger"
              disabled={disabled || busy}
              onClick={() => {
                setConfirmRevoke(true);
                setPendingRole(null);
              }}
            >
              {t('devices.revokeNamed', { name: device.name })}
            </button>
          )}
          {pendingRole === null ? null : (
            <div
              class="confirm-step"
              role="group"
              aria-label={t('devices.confirmRole', { name: device.name })}
            >
              <p>{t('devices.roleAsk', { name: device.name, role: roleWord(pendingRole) })}</p>
              <button
                type="button"
                disabled={disabled || busy}
                onClick={() => {
                  const role = pendingRole;
                  setPendingRole(null);
                  run(() => onRole(role));
                }}
              >
                {t('devices.changeRoleTo', { role: roleWord(pendingRole) })}
              </button>
              <button type="button" onClick={() => setPendingRole(null)}>
                {t('devices.keepNamed', { name: roleWord(device.role) })}
              </button>
            </div>
          )}
          {confirmRevoke ? (
            <div
              class="confirm-step"
              role="group"
              aria-label={t('devices.confirmRevoke', { name: device.name })}
            >
              <p>{t('devices.revokeAsk', { name: device.name })}</p>
              <button
                type="button"
                class="danger"
                disabled={disabled || busy}
                onClick={() => {
                  setConfirmRevoke(false);
                  run(onRevoke);
                }}
              >
                {t('devices.revokeYes', { name: device.name })}
              </button>
              <button type="button" onClick={() => setConfirmRevoke(false)}>
                {t('devices.keepNamed', { name: device.name })}
              </button>
            </div>
          ) : null}
        </form>
      )}
    </li>
  );
}
