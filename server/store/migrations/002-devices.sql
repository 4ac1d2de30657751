-- Part 2 devices: every device is paired and has a role. Replaces 001's devices table (codes handed out
-- by POST /api/devices, which is retired): ids and ticket codes now come from pairing.

DROP TABLE devices;

CREATE TABLE devices (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'counter', 'kitchen', 'display')),
  -- Ticket-code ordinal (server/device-code.ts). NULL only when a device revoked long ago gave its code up.
  ordinal integer UNIQUE,
  code text UNIQUE,
  -- SHA-256 (hex) of the device credential; the credential itself is never stored.
  token_hash text NOT NULL UNIQUE,
  paired_at text NOT NULL,
  last_seen_at text,
  revoked_at text
);

-- One-time pairing codes, stored hashed like credentials; single use, short expiry.
CREATE TABLE pairing_codes (
  code_hash text PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('owner', 'counter', 'kitchen', 'display')),
  name text,
  created_at text NOT NULL,
  expires_at text NOT NULL,
  used_at text
);
