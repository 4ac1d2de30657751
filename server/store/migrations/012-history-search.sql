-- History's "contains" search through trigram indexes (pg_trgm, GIN): the number, the customer's name, and
-- every line's name and note, over the finished orders only (the predicate of history-store.ts's FINISHED).
-- PGlite loads pg_trgm in PGlite.create (server/store/pglite-extensions.ts); PostgreSQL needs its contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Every line's name and note, each lower-cased on its own (as the search compares them), joined by a newline:
-- `q` can hold no control character (protocol/text-hygiene.ts), so a match never spans two of them.
CREATE FUNCTION order_items_search_text(items jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (SELECT coalesce(string_agg(lower(coalesce(line->>'name', '')) || E'\n' ||
                                     lower(coalesce(line->>'note', '')), E'\n'), '')
          FROM jsonb_array_elements(items) AS line);

-- The number without its dash: "A-001" gives the trigrams "a00" and "001" (the lone letter gives none), so the
-- index narrows a ticket number to its few orders rather than the thousand ending in 001. The search keeps
-- `number LIKE …` beside it: dropping every dash from both sides keeps any match, so it only narrows.
CREATE INDEX orders_finished_number_trgm_idx ON orders USING gin (replace(number, '-', '') gin_trgm_ops)
  WHERE status IN ('completed', 'cancelled');
CREATE INDEX orders_finished_customer_trgm_idx ON orders USING gin (lower(customer_name) gin_trgm_ops)
  WHERE status IN ('completed', 'cancelled');
CREATE INDEX orders_finished_items_trgm_idx ON orders USING gin (order_items_search_text(items) gin_trgm_ops)
  WHERE status IN ('completed', 'cancelled');
-- As for lower(customer_name) in 004: without statistics of the expression the planner guesses how many orders
-- a pattern matches, and for a common word ("flat white") would gather every match instead of walking the newest.
CREATE STATISTICS orders_items_search_stats ON (order_items_search_text(items)) FROM orders;
CREATE STATISTICS orders_number_undashed_stats ON (replace(number, '-', '')) FROM orders;
