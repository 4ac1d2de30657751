-- Part 3 money (DESIGN principles 21-22): refunds in the ledger, cash drawers with their movements, and
-- Z reports numbered 1, 2, 3 … per shop without gaps (the number comes from z_counter inside the close).

-- A payment's fingerprint (its body, for idempotency by id) and the drawer it counted in: a cash payment
-- always has one (opened at float 0 when none was open); card and other count in the device's open drawer
-- if there is one (they show on its Z report by method, but never in its cash).
ALTER TABLE payments ADD COLUMN fingerprint text;
ALTER TABLE payments ADD COLUMN drawer_id text;
CREATE INDEX payments_drawer_idx ON payments (drawer_id) WHERE drawer_id IS NOT NULL;

CREATE TABLE refunds (
  id text PRIMARY KEY,
  payment_id text NOT NULL REFERENCES payments (id),
  order_id text NOT NULL,
  -- The refunded payment's method: a cash refund comes out of the drawer of device_id.
  method text NOT NULL CHECK (method IN ('cash', 'card', 'other')),
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  reason text NOT NULL,
  device_id text NOT NULL,
  drawer_id text,
  created_at text NOT NULL,
  fingerprint text NOT NULL
);
CREATE INDEX refunds_payment_idx ON refunds (payment_id);
CREATE INDEX refunds_drawer_idx ON refunds (drawer_id) WHERE drawer_id IS NOT NULL;
CREATE INDEX refunds_created_idx ON refunds (created_at);

CREATE TABLE drawers (
  -- The open intent's id; an implicit drawer takes the id of the payment or refund that opened it.
  id text PRIMARY KEY,
  device_id text NOT NULL,
  opened_at text NOT NULL,
  float_cents bigint NOT NULL,
  opened_implicitly boolean NOT NULL,
  -- NULL for an implicit open (no body to compare a replay with).
  fingerprint text,
  closed_at text
);
-- At most one open drawer per device: a racing open (or implicit open) loses on this index.
CREATE UNIQUE INDEX drawers_open_device_idx ON drawers (device_id) WHERE closed_at IS NULL;

CREATE TABLE drawer_movements (
  id text PRIMARY KEY,
  drawer_id text NOT NULL REFERENCES drawers (id),
  kind text NOT NULL CHECK (kind IN ('in', 'out')),
  amount_cents bigint NOT NULL,
  reason text NOT NULL,
  created_at text NOT NULL,
  fingerprint text NOT NULL
);
CREATE INDEX drawer_movements_drawer_idx ON drawer_movements (drawer_id, created_at);

-- The shop's last Z number. The close transaction takes the next one with UPDATE … RETURNING: the row lock
-- orders concurrent closes (also across server instances on PostgreSQL), and a rolled-back close gives its
-- number back, so the numbers have no gap.
CREATE TABLE z_counter (
  id integer PRIMARY KEY CHECK (id = 1),
  last integer NOT NULL
);
INSERT INTO z_counter (id, last) VALUES (1, 0);

CREATE TABLE z_reports (
  number integer PRIMARY KEY,
  -- The close intent's id (replays answer the stored report).
  close_id text NOT NULL UNIQUE,
  drawer_id text NOT NULL UNIQUE REFERENCES drawers (id),
  device_id text NOT NULL,
  closed_at text NOT NULL,
  fingerprint text NOT NULL,
  -- The report as answered: written once, never updated.
  report jsonb NOT NULL
);
CREATE INDEX z_reports_closed_idx ON z_reports (closed_at);
