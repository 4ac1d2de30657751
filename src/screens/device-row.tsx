// One device in the Devices list: name, role, ticket code, last seen, a rename field and Revoke.
import { useState } from 'preact/hooks';
import type { DeviceListEntry } from '../../protocol/pairing.ts';
import { ROLES, type Role } from '../../protocol/roles.ts';

export function lastSeenText(lastSeenAt: string | null, now: number): string {
  if (lastSeenAt === null) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(lastSeenAt)) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return new Date(lastSeenAt).toLocaleDateString();
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
  const inputId = `device-name-${device.id}`;
  const roleId = `device-role-${device.id}`;
  const run = (action: () => Promise<void>) => {
    setBusy(true);
    void action().finally(() => setBusy(false));
  };
  return (
    <li class={`device ${device.revoked ? 'revoked' : ''}`} data-device-id={device.id}>
      <p class="device-title">
        <strong>{device.name}</strong> {isThisDevice ? <span class="muted">(this device)</span> : null}
      </p>
      <dl class="device-facts">
        <dt>Role</dt>
        <dd>{device.role}</dd>
        <dt>Ticket code</dt>
        <dd>{device.code}</dd>
        <dt>Last seen</dt>
        <dd>{lastSeenText(device.lastSeenAt, Date.now())}</dd>
        {device.revoked ? (
          <>
            <dt>Status</dt>
            <dd>Revoked</dd>
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
          <label for={inputId}>New name for {device.name}</label>
          <input
            id={inputId}
            value={name}
            maxLength={60}
            onInput={(event) => setName(event.currentTarget.value)}
            disabled={disabled || busy}
          />
          <button type="submit" disabled={disabled || busy}>
            Rename {device.name}
          </button>
          {/* The owner's own device keeps its role and credential here: changing them would lock it out. */}
          {isThisDevice ? null : (
            <>
              <label for={roleId}>Role of {device.name}</label>
              <select
                id={roleId}
                value={device.role}
                disabled={disabled || busy}
                onChange={(event) => run(() => onRole(event.currentTarget.value as Role))}
              >
                {ROLES.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            </>
          )}
          {isThisDevice ? null : (
            <button type="button" class="danger" disabled={disabled || busy} onClick={() => run(onRevoke)}>
              Revoke {device.name}
            </button>
          )}
        </form>
      )}
    </li>
  );
}
