-- The first schema. Never edit a shipped migration: add 0002_….sql instead.

-- meta is one row: the database's current period and a counter every edit
-- bumps, so "changed since export" is one comparison, not a re-hash.
CREATE TABLE meta (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	period   TEXT    NOT NULL,
	edit_seq INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE pcn (
	id                INTEGER PRIMARY KEY CHECK (id = 1),
	code              TEXT NOT NULL,
	name              TEXT NOT NULL,
	ics               TEXT NOT NULL DEFAULT '',
	place             TEXT NOT NULL DEFAULT '',
	clinical_director TEXT NOT NULL DEFAULT '',
	statement         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE practices (
	ods_code  TEXT PRIMARY KEY,
	name      TEXT    NOT NULL DEFAULT '',
	list_size INTEGER NOT NULL DEFAULT 0 CHECK (list_size >= 0),
	postcode  TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE services (
	key    TEXT PRIMARY KEY,
	name   TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('green', 'amber', 'red', 'not_started')),
	note   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE notes (
	id       INTEGER PRIMARY KEY,
	category TEXT    NOT NULL,
	severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
	date     TEXT    NOT NULL,
	text     TEXT    NOT NULL
);
CREATE INDEX notes_by_date ON notes (date DESC, id DESC);

CREATE TABLE priorities (
	id        INTEGER PRIMARY KEY,
	rank      INTEGER NOT NULL UNIQUE CHECK (rank <> 0),
	theme     TEXT NOT NULL,
	title     TEXT NOT NULL,
	ask       TEXT NOT NULL DEFAULT '',
	rationale TEXT NOT NULL DEFAULT ''
);

-- Every submission the database exported, byte for byte.
CREATE TABLE exports (
	revision     INTEGER PRIMARY KEY CHECK (revision >= 1),
	exported_at  TEXT    NOT NULL,
	period       TEXT    NOT NULL,
	digest       TEXT    NOT NULL,
	content_hash TEXT    NOT NULL,
	edit_seq     INTEGER NOT NULL,
	document     BLOB    NOT NULL
);

CREATE TRIGGER pcn_ins AFTER INSERT ON pcn BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER pcn_upd AFTER UPDATE ON pcn BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER pcn_del AFTER DELETE ON pcn BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER practices_ins AFTER INSERT ON practices BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER practices_upd AFTER UPDATE ON practices BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER practices_del AFTER DELETE ON practices BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER services_ins AFTER INSERT ON services BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER services_upd AFTER UPDATE ON services BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER services_del AFTER DELETE ON services BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER notes_ins AFTER INSERT ON notes BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER notes_upd AFTER UPDATE ON notes BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER notes_del AFTER DELETE ON notes BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER priorities_ins AFTER INSERT ON priorities BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER priorities_upd AFTER UPDATE ON priorities BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
CREATE TRIGGER priorities_del AFTER DELETE ON priorities BEGIN UPDATE meta SET edit_seq = edit_seq + 1; END;
