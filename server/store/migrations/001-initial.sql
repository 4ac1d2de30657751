-- Orderline schema v1: orders (never hard-deleted), the single-row seq counter that orders commits,
-- PATCH idempotency keys, and device codes for ticket numbers. Same SQL for PGlite and PostgreSQL.

CREATE TABLE seq_counter (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL
);
INSERT INTO seq_counter (id, seq) VALUES (1, 0);

CREATE TABLE orders (
  id text PRIMARY KEY,
  number text NOT NULL,
  device_id text NOT NULL,
  customer_name text NOT NULL,
  note text NOT NULL,
  items jsonb NOT NULL,
  total_cents bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'preparing', 'ready', 'completed', 'cancelled')),
  paid boolean NOT NULL,
  -- ISO 8601 UTC strings in one fixed-width form, so text order is time order and values round-trip exactly.
  created_at text NOT NULL,
  received_at text NOT NULL,
  updated_at text NOT NULL,
  -- sha256 of the canonical create payload: a replayed create must match it.
  fingerprint text NOT NULL,
  seq bigint NOT NULL UNIQUE
);
CREATE INDEX orders_active_idx ON orders (created_at DESC, id DESC)
  WHERE status IN ('pending', 'preparing', 'ready');

CREATE TABLE mutations (
  key text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id),
  -- sha256 of the canonical PATCH body plus the order id: reusing a key for anything else is a 422.
  fingerprint text NOT NULL,
  received_at text NOT NULL
);

CREATE TABLE devices (
  device_id text PRIMARY KEY,
  ordinal integer NOT NULL UNIQUE,
  code text NOT NULL UNIQUE,
  created_at text NOT NULL
);
