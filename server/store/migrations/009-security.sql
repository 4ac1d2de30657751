-- Owner codes printed at start-up (issue 26): they count only while no owner device exists, so a code from an
-- earlier start read in an old log cannot add a second owner.
ALTER TABLE pairing_codes ADD COLUMN bootstrap boolean NOT NULL DEFAULT false;
