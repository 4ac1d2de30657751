-- The shop's settings (protocol/settings.ts): one row, absent until the owner first saves them, so a
-- shop that never did reads the defaults of the code, not a copy frozen here.
CREATE TABLE shop_settings (
  id integer PRIMARY KEY CHECK (id = 1),
  kitchen_warning_minutes integer NOT NULL CHECK (kitchen_warning_minutes BETWEEN 1 AND 240),
  kitchen_late_minutes integer NOT NULL CHECK (kitchen_late_minutes BETWEEN 1 AND 240),
  updated_at text NOT NULL,
  CHECK (kitchen_warning_minutes < kitchen_late_minutes)
);
