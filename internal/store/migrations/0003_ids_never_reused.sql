-- Notes and priorities get ids that are never reused (AUTOINCREMENT). With a
-- plain INTEGER PRIMARY KEY, SQLite hands out max(id)+1, so a restore that
-- deletes every note and inserts new ones gives the new notes the old notes'
-- ids: an app still showing the old list would then edit or delete a note
-- its user never saw. AUTOINCREMENT keeps the highest id ever used in
-- sqlite_sequence and never goes below it, so a stale id finds nothing.
--
-- SQLite cannot add AUTOINCREMENT to a table, so each table is rebuilt:
-- copied with its ids, dropped (which drops its indexes and triggers) and
-- renamed; then the indexes and triggers of 0001 and 0002 are made again.
-- Copying fires no trigger, so edit_seq, and with it "changed since
-- export", is untouched.

CREATE TABLE notes_0003 (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	category TEXT    NOT NULL,
	severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
	date     TEXT    NOT NULL,
	text     TEXT    NOT NULL
);
INSERT INTO notes_0003 (id, category, severity, date, text) SELECT id, category, severity, date, text FROM notes;
DROP TABLE notes;
ALTER TABLE notes_0003 RENAME TO notes;
CREATE INDEX notes_by_date ON notes (date DESC, id DESC);
CREATE INDEX notes_by_severity ON notes (severity);
CREATE TRIGGER notes_ins AFTER INSERT ON notes BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER notes_upd AFTER UPDATE ON notes BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER notes_del AFTER DELETE ON notes BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;

CREATE TABLE priorities_0003 (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	rank      INTEGER NOT NULL UNIQUE CHECK (rank <> 0),
	theme     TEXT NOT NULL,
	title     TEXT NOT NULL,
	ask       TEXT NOT NULL DEFAULT '',
	rationale TEXT NOT NULL DEFAULT ''
);
INSERT INTO priorities_0003 (id, rank, theme, title, ask, rationale) SELECT id, rank, theme, title, ask, rationale FROM priorities;
DROP TABLE priorities;
ALTER TABLE priorities_0003 RENAME TO priorities;
CREATE TRIGGER priorities_ins AFTER INSERT ON priorities BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER priorities_upd AFTER UPDATE ON priorities BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER priorities_del AFTER DELETE ON priorities BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
