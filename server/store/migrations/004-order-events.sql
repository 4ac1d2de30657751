-- Order events (every status move and payment, with time and acting device), the indexes history and the
-- day report need, and per-device telemetry windows (kept 24 h). Same SQL for PGlite and PostgreSQL.

-- One row per committed change of an order; `seq` is the order seq that change took, so events of one
-- order sort by it and a replay or no-op (which takes no seq) can never write one. No foreign key: rows
-- are written only by the order store, in the statement that writes the order, and the key check would
-- cost every create an extra index probe.
CREATE TABLE order_events (
  seq bigint PRIMARY KEY,
  order_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('created', 'status', 'paid', 'status_paid')),
  status text NOT NULL,
  paid boolean NOT NULL,
  at text NOT NULL,
  device_id text NOT NULL
);
CREATE INDEX order_events_order_idx ON order_events (order_id, seq);

-- History: finished orders newest first (keyset on created_at, id), and prefix search by number and by
-- customer name (text_pattern_ops makes LIKE 'abc%' indexable whatever the database collation).
CREATE INDEX orders_finished_idx ON orders (created_at DESC, id DESC)
  WHERE status IN ('completed', 'cancelled');
CREATE INDEX orders_finished_number_idx ON orders (number text_pattern_ops)
  WHERE status IN ('completed', 'cancelled');
CREATE INDEX orders_finished_customer_idx ON orders (lower(customer_name) text_pattern_ops)
  WHERE status IN ('completed', 'cancelled');
-- The planner ignores statistics of partial expression indexes: without these it guesses 0.5 % for any
-- name prefix, and for a common one ('ada') sorts tens of thousands of rows instead of walking the newest.
CREATE STATISTICS orders_customer_lower_stats ON (lower(customer_name)) FROM orders;

-- One row per telemetry window a device reported; rows older than 24 h are pruned on insert.
CREATE TABLE device_telemetry (
  id bigserial PRIMARY KEY,
  device_id text NOT NULL,
  role text NOT NULL,
  received_at text NOT NULL,
  window_start text NOT NULL,
  window_end text NOT NULL,
  display_p50_ms double precision NOT NULL,
  display_p95_ms double precision NOT NULL,
  display_n integer NOT NULL,
  cache_hit_ratio double precision NOT NULL,
  outbox_depth integer NOT NULL,
  oldest_waiting_ms double precision NOT NULL,
  app_version text NOT NULL
);
CREATE INDEX device_telemetry_device_idx ON device_telemetry (device_id, received_at DESC);
CREATE INDEX device_telemetry_received_idx ON device_telemetry (received_at);
