-- 0007: electronic media exchanged with J-LIS (住基ネット照会): each medium's
-- life as a log of steps, the files on it with their SHA-256, and the
-- container password, kept apart so that no listing ever reads it.

CREATE TABLE media (
	id INTEGER PRIMARY KEY,
	label TEXT NOT NULL UNIQUE,		-- M0001, written on the medium
	state TEXT NOT NULL CHECK (state IN ('packed', 'shipped', 'received',
	    'imported', 'disposed')),
	container TEXT NOT NULL,		-- the file written by 'media pack'
	sha256 TEXT NOT NULL,			-- of the container
	created TEXT NOT NULL,
	shipped TEXT NOT NULL DEFAULT ''	-- YYYY-MM-DD, for the overdue warning
);
CREATE INDEX media_state ON media (state);

-- One row per step, in order. Free-text columns are empty where a step has
-- no such item.
CREATE TABLE media_events (
	id INTEGER PRIMARY KEY,
	medium_id INTEGER NOT NULL REFERENCES media (id),
	step TEXT NOT NULL CHECK (step IN ('created', 'packed', 'shipped',
	    'received', 'imported', 'disposed')),
	date TEXT NOT NULL,			-- YYYY-MM-DD, as the office says
	actor TEXT NOT NULL,
	witness TEXT NOT NULL DEFAULT '',
	courier TEXT NOT NULL DEFAULT '',
	tracking TEXT NOT NULL DEFAULT '',
	seal TEXT NOT NULL DEFAULT '',
	notice_date TEXT NOT NULL DEFAULT '',
	answer_medium TEXT NOT NULL DEFAULT '',
	method TEXT NOT NULL DEFAULT '',
	summary TEXT NOT NULL DEFAULT '',
	recorded TEXT NOT NULL
);
CREATE INDEX media_events_medium ON media_events (medium_id);
CREATE UNIQUE INDEX media_events_once ON media_events (medium_id, step);

-- Files belonging to a step: the inquiry CSVs packed, the answer received,
-- the files imported.
CREATE TABLE media_files (
	id INTEGER PRIMARY KEY,
	event_id INTEGER NOT NULL REFERENCES media_events (id),
	name TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	bytes INTEGER NOT NULL
);
CREATE INDEX media_files_event ON media_files (event_id);
CREATE INDEX media_files_name ON media_files (name);

-- The generated container password, until the medium is disposed of.
CREATE TABLE media_secrets (
	medium_id INTEGER PRIMARY KEY REFERENCES media (id),
	password TEXT NOT NULL
);

INSERT INTO vault_meta (key, value) VALUES ('answer_overdue_days', '28');
