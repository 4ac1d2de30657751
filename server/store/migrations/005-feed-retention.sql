-- Feed retention (DESIGN.md Part 2, principle 16): finished orders stay in `orders` for history, but the
-- changes feed only serves cursors at or above `feed_state.floor`; older cursors get a reset (the active
-- snapshot). The floor is the highest seq of a finished order whose last change is older than the
-- retention window, so every order the feed still owes a cursor >= floor has seq > floor.

CREATE TABLE feed_state (
  id integer PRIMARY KEY CHECK (id = 1),
  floor bigint NOT NULL
);
INSERT INTO feed_state (id, floor) VALUES (1, 0);

-- Advancing the floor scans finished orders above it; the reset snapshot pages active orders by seq.
CREATE INDEX orders_finished_seq_idx ON orders (seq) WHERE status IN ('completed', 'cancelled');
CREATE INDEX orders_active_seq_idx ON orders (seq) WHERE status IN ('pending', 'preparing', 'ready');
