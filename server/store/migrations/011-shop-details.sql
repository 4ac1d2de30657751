-- The shop's details of Part 3 (protocol/settings.ts): name, address, tax id, receipt footer, locale and time
-- zone, on the one settings row. Defaults equal DEFAULT_SETTINGS, so a row saved before reads as it did.
ALTER TABLE shop_settings ADD COLUMN shop_name text NOT NULL DEFAULT '';
ALTER TABLE shop_settings ADD COLUMN address text NOT NULL DEFAULT '[]';
ALTER TABLE shop_settings ADD COLUMN tax_id text NOT NULL DEFAULT '';
ALTER TABLE shop_settings ADD COLUMN receipt_footer text NOT NULL DEFAULT '';
ALTER TABLE shop_settings ADD COLUMN locale text NOT NULL DEFAULT 'en';
ALTER TABLE shop_settings ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';
