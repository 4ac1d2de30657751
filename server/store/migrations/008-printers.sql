-- Printers and their durable print queues (DESIGN.md Part 3, principle 23). Same SQL for PGlite and
-- PostgreSQL. Jobs are rows so a printer that is off delays only its own jobs and nothing is lost on restart.

CREATE TABLE printers (
  id text PRIMARY KEY,
  name text NOT NULL,
  host text NOT NULL,
  port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  columns integer NOT NULL CHECK (columns IN (32, 42, 48)),
  kind text NOT NULL CHECK (kind IN ('receipt', 'kitchen')),
  categories jsonb NOT NULL,
  drawer_kick boolean NOT NULL,
  updated_at text NOT NULL
);

-- One row per job; `position` orders each printer's FIFO. `request_id` makes POST /api/orders/:id/print
-- idempotent, and `source` (kitchen:<order>:<printer>, cancel:<order>:<printer>) makes the order feed's
-- enqueue idempotent, so neither a replayed request nor a re-read event ever queues a second job.
CREATE TABLE print_jobs (
  id text PRIMARY KEY,
  position bigserial NOT NULL,
  printer_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('kitchen', 'cancelled', 'receipt', 'test')),
  order_id text,
  request_id text UNIQUE,
  source text UNIQUE,
  document jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'printing', 'done', 'failed', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at text NOT NULL,
  printed_at text
);
CREATE INDEX print_jobs_waiting_idx ON print_jobs (printer_id, position) WHERE state IN ('queued', 'printing');
CREATE INDEX print_jobs_printer_idx ON print_jobs (printer_id, position DESC);

-- Which instance drives which printer (several server instances on PostgreSQL): a lease renewed every few
-- seconds; another instance takes a printer whose lease expired. Times are the database's clock.
CREATE TABLE printer_leases (
  printer_id text PRIMARY KEY,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL,
  -- What the driving instance last saw, so every instance can answer GET /api/printers.
  state text NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'offline', 'paper_out')),
  reason text
);

-- How far the print feed has read order_events (kitchen tickets on create, slips on cancel). It starts at
-- the current end: an upgraded shop does not print its whole history.
CREATE TABLE print_feed (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL
);
INSERT INTO print_feed (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM order_events;
