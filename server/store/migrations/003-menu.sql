-- The owner's menu (DESIGN.md Part 2, principle 15). Every edit publishes a new version; item and
-- category rows carry the version range they are valid in ([valid_from, valid_to), valid_to NULL =
-- still current), so an edit costs O(1) rows and every old version stays readable as it was.

-- The single-row head: the latest published version (0 = not seeded yet) and the menu's currency.
CREATE TABLE menu_head (
  id integer PRIMARY KEY CHECK (id = 1),
  version integer NOT NULL,
  currency text NOT NULL
);
INSERT INTO menu_head (id, version, currency) VALUES (1, 0, 'EUR');

-- One row per published version: answers "was N ever published" and when.
CREATE TABLE menu_versions (
  version integer PRIMARY KEY,
  published_at text NOT NULL
);

CREATE TABLE menu_categories (
  id text NOT NULL,
  valid_from integer NOT NULL,
  valid_to integer,
  name text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (id, valid_from)
);

CREATE TABLE menu_items (
  id text NOT NULL,
  valid_from integer NOT NULL,
  valid_to integer,
  name text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  category text NOT NULL,
  available boolean NOT NULL,
  -- Archived rows stay, so an order taken at an older version is still priced from it.
  archived boolean NOT NULL,
  -- Display order within the category: the order items were first added in.
  position integer NOT NULL,
  PRIMARY KEY (id, valid_from)
);
-- Reading version N = the open rows plus the rows closed after N (menu-store.ts validAt); an edit
-- finds an id's open row.
CREATE INDEX menu_items_open_idx ON menu_items (id) WHERE valid_to IS NULL;
CREATE INDEX menu_items_closed_idx ON menu_items (valid_to) WHERE valid_to IS NOT NULL;
CREATE INDEX menu_categories_open_idx ON menu_categories (id) WHERE valid_to IS NULL;
CREATE INDEX menu_categories_closed_idx ON menu_categories (valid_to) WHERE valid_to IS NOT NULL;
