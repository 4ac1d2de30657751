// One device in the Devices list: name, role, ticket code, last seen, a rename field and Revoke. Revoke and a
// role change ask first (DESIGN Part 3, "Destructive actions ask first"): nothing is sent until confirmed.
import { useState } from 'preact/hooks';
import type { DeviceListEntry } from '../../protocol/pairing.ts';
import { ROLES, type Role } from '../../protocol/roles.ts';
import { connectionText } from '../device-connection.ts';

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
        <strong>{device.name}</strong> {isThisDevice ? <span class="muted">(this device)</span> : null}
      </p>
      <dl class="device-facts">
        <dt>Role</dt>
        <dd>{device.role}</dd>
        <dt>Ticket code</dt>
        <dd>{device.code}</dd>
        <dt>Last seen</dt>
        <dd>{lastSeenText(device.lastSeenAt, Date.now())}</dd>
        {device.revoked ? null : (
          <>
            <dt>Connection</dt>
            <dd>{connectionText(device, Date.now())}</dd>
          </>
        )}
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
                    {option}
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
              Revoke {device.name}
            </button>
          )}
          {pendingRole === null ? null : (
            <div class="confirm-step" role="group" aria-label={`Confirm the role of ${device.name}`}>
              <p>
                Make {device.name} a {pendingRole} device? It switches screens at its next sync.
              </p>
              <button
                type="button"
                disabled={disabled || busy}
                onClick={() => {
                  const role = pendingRole;
                  setPendingRole(null);
                  run(() => onRole(role));
                }}
              >
                Change role to {pendingRole}
              </button>
              <button type="button" onClick={() => setPendingRole(null)}>
                Keep {device.role}
              </button>
            </div>
          )}
          {confirmRevoke ? (
            <div class="confirm-step" role="group" aria-label={`Confirm revoking ${device.name}`}>
              <p>
                Revoke {device.name}? It stops syncing at once and must be paired again with a new code.
                Orders it has not sent yet stay on it.
              </p>
              <button
                type="button"
                class="danger"
                disabled={disabled || busy}
                onClick={() => {
                  setConfirmRevoke(false);
                  run(onRevoke);
                }}
              >
                Yes, revoke {device.name}
              </button>
              <button type="button" onClick={() => setConfirmRevoke(false)}>
                Keep {device.name}
              </button>
            </div>
          ) : null}
        </form>
      )}
    </li>
  );
}
