-- Part 3 pricing (DESIGN principles 18-21): option groups, tax rates, discounts and the tax mode as
-- versioned menu data (rows closed and opened per version like 003-menu.sql, never updated in place),
-- each order's priced form, and the payments ledger. Orders from before Part 3 keep their totals.

-- Whether the menu's prices include tax, per version range (no row valid at a version = true).
CREATE TABLE menu_tax_mode (
  valid_from integer NOT NULL PRIMARY KEY,
  valid_to integer,
  prices_include_tax boolean NOT NULL
);

CREATE TABLE menu_tax_rates (
  id text NOT NULL,
  valid_from integer NOT NULL,
  valid_to integer,
  name text NOT NULL,
  rate_basis_points integer NOT NULL CHECK (rate_basis_points BETWEEN 0 AND 10000),
  -- The order rates were first added in: the first one is the default of an item without a rate.
  position integer NOT NULL,
  PRIMARY KEY (id, valid_from)
);

-- A group is edited whole (PUT), so its options are one jsonb value of the row.
CREATE TABLE menu_option_groups (
  id text NOT NULL,
  valid_from integer NOT NULL,
  valid_to integer,
  name text NOT NULL,
  min_choices integer NOT NULL,
  max_choices integer NOT NULL,
  options jsonb NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (id, valid_from)
);

CREATE TABLE menu_discounts (
  id text NOT NULL,
  valid_from integer NOT NULL,
  valid_to integer,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('percent', 'amount')),
  value integer NOT NULL CHECK (value >= 0),
  active boolean NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (id, valid_from)
);

CREATE INDEX menu_tax_rates_open_idx ON menu_tax_rates (id) WHERE valid_to IS NULL;
CREATE INDEX menu_option_groups_open_idx ON menu_option_groups (id) WHERE valid_to IS NULL;
CREATE INDEX menu_discounts_open_idx ON menu_discounts (id) WHERE valid_to IS NULL;

-- Items name their groups (in order) and their rate (NULL = the menu's first rate).
ALTER TABLE menu_items ADD COLUMN option_groups jsonb NOT NULL DEFAULT '[]';
ALTER TABLE menu_items ADD COLUMN tax_rate text;

-- A database that already has a menu gets the sample's two rates at 0 % from version 1 on: every
-- version then taxes at 0 %, which is what it did before Part 3, and the owner sets the real rates.
INSERT INTO menu_tax_rates (id, valid_from, name, rate_basis_points, position)
  SELECT 'standard', 1, 'Standard', 0, 0 FROM menu_head WHERE version > 0;
INSERT INTO menu_tax_rates (id, valid_from, name, rate_basis_points, position)
  SELECT 'reduced', 1, 'Reduced', 0, 1 FROM menu_head WHERE version > 0;

-- Orders: the priced form (principle 19). An order from before Part 3 has no menu version on record
-- (NULL), its subtotal is its total, and its taxes are [] (never recomputed).
ALTER TABLE orders ADD COLUMN menu_version integer;
ALTER TABLE orders ADD COLUMN subtotal_cents bigint;
ALTER TABLE orders ADD COLUMN discount jsonb;
ALTER TABLE orders ADD COLUMN taxes jsonb NOT NULL DEFAULT '[]';
-- The order's payments as the API shows them, written in the statement that writes the ledger row
-- below, so reading an order (lists, feed, SSE) never joins.
ALTER TABLE orders ADD COLUMN payments jsonb NOT NULL DEFAULT '[]';
ALTER TABLE orders ADD COLUMN paid_cents bigint NOT NULL DEFAULT 0;
UPDATE orders SET subtotal_cents = total_cents;

-- The payments ledger (principle 21): one row per payment, idempotent by id.
CREATE TABLE payments (
  id text PRIMARY KEY,
  order_id text NOT NULL,
  method text NOT NULL CHECK (method IN ('cash', 'card', 'other')),
  amount_cents bigint NOT NULL,
  tendered_cents bigint,
  change_cents bigint NOT NULL DEFAULT 0,
  tip_cents bigint NOT NULL DEFAULT 0,
  device_id text NOT NULL,
  created_at text NOT NULL
);
CREATE INDEX payments_order_idx ON payments (order_id, created_at);
CREATE INDEX payments_created_idx ON payments (created_at);

-- A paid order from before Part 3 gets one `other` payment of its total, dated and attributed to the
-- event that marked it paid (its last update when that event is gone).
INSERT INTO payments (id, order_id, method, amount_cents, device_id, created_at)
  SELECT gen_random_uuid()::text, o.id, 'other', o.total_cents,
         coalesce(e.device_id, o.device_id), coalesce(e.at, o.updated_at)
  FROM orders o
  LEFT JOIN LATERAL (
    SELECT device_id, at FROM order_events
    WHERE order_id = o.id AND kind IN ('paid', 'status_paid')
    ORDER BY seq LIMIT 1) e ON true
  WHERE o.paid;
UPDATE orders o SET paid_cents = p.amount_cents,
  payments = jsonb_build_array(jsonb_build_object(
    'id', p.id, 'method', 'other', 'amountCents', p.amount_cents, 'tenderedCents', NULL,
    'changeCents', 0, 'tipCents', 0, 'deviceId', p.device_id, 'createdAt', p.created_at,
    'refunds', '[]'::jsonb))
  FROM payments p WHERE p.order_id = o.id AND o.paid;
