-- Workforce (SPEC §4): the PCN's additional-roles (ARRS) staff, one row a
-- role. WTE figures are held as hundredths (1.25 WTE is 125), exactly as
-- they are typed and filed, so no sum picks up a float's error; each is
-- bounded 0 to 1,000 WTE. Ids are never reused (AUTOINCREMENT, as 0003
-- gave notes and priorities), so an app still showing an old list never
-- edits a role its user did not see.
CREATE TABLE workforce (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	role       TEXT    NOT NULL UNIQUE CHECK (role <> ''),
	in_post    INTEGER NOT NULL DEFAULT 0 CHECK (in_post BETWEEN 0 AND 100000),
	planned    INTEGER NOT NULL DEFAULT 0 CHECK (planned BETWEEN 0 AND 100000),
	recruiting INTEGER NOT NULL DEFAULT 0 CHECK (recruiting BETWEEN 0 AND 100000),
	note       TEXT    NOT NULL DEFAULT ''
);

-- Whether the PCN reported its workforce at all. 0 is "not reported": a
-- database from before this migration, one that never filled the section
-- in, or a restore of a file without the member; its export leaves the
-- member out, and a forum leaves it out of the figures rather than count
-- it as none. 1 with no rows is "no additional-role staff". Adding a role
-- reports the workforce (the trigger below), so a row never sits in a
-- database that says "not reported".
ALTER TABLE meta ADD COLUMN workforce_reported INTEGER NOT NULL DEFAULT 0 CHECK (workforce_reported IN (0, 1));

CREATE TRIGGER workforce_ins AFTER INSERT ON workforce BEGIN UPDATE meta SET edit_seq = edit_seq + 1, workforce_reported = 1; END;
CREATE TRIGGER workforce_upd AFTER UPDATE ON workforce BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER workforce_del AFTER DELETE ON workforce BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER meta_workforce_reported AFTER UPDATE OF workforce_reported ON meta
	WHEN old.workforce_reported <> new.workforce_reported
	BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
