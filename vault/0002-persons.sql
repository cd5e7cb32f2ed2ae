-- 0002: insured persons from the existing system's extracts, their history,
-- and their individual numbers with the two-person confirmation state.

-- One row per imported extract file: the "which extract" of every change.
CREATE TABLE extracts (
	id INTEGER PRIMARY KEY,
	file TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	layout TEXT NOT NULL,
	layout_version INTEGER NOT NULL,
	imported TEXT NOT NULL,
	actor TEXT NOT NULL,
	added INTEGER NOT NULL DEFAULT 0,
	changed INTEGER NOT NULL DEFAULT 0,
	unchanged INTEGER NOT NULL DEFAULT 0,
	rejected INTEGER NOT NULL DEFAULT 0,
	partial INTEGER NOT NULL DEFAULT 0	-- 1: the user accepted valid lines only
);

CREATE TABLE persons (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,		-- the existing system's person id
	insurer TEXT NOT NULL,
	symbol TEXT NOT NULL DEFAULT '',
	number TEXT NOT NULL,
	relation INTEGER NOT NULL CHECK (relation IN (1, 2)),
	member_key TEXT NOT NULL DEFAULT '',
	name TEXT NOT NULL,
	kana TEXT NOT NULL,
	birth TEXT NOT NULL,			-- YYYYMMDD
	sex INTEGER NOT NULL CHECK (sex IN (1, 2, 3)),
	address TEXT NOT NULL,
	municipality TEXT NOT NULL,
	resident INTEGER NOT NULL CHECK (resident IN (1, 2)),
	employer TEXT NOT NULL DEFAULT '',
	acquired TEXT NOT NULL,
	lost TEXT NOT NULL DEFAULT '',
	row_hash BLOB NOT NULL,			-- SHA-256 of the imported row
	first_extract INTEGER NOT NULL REFERENCES extracts (id),
	last_extract INTEGER NOT NULL REFERENCES extracts (id)
);
CREATE INDEX persons_kana ON persons (kana);
CREATE INDEX persons_name ON persons (name);
CREATE INDEX persons_symbol ON persons (symbol, number);
CREATE INDEX persons_birth ON persons (birth);
CREATE INDEX persons_member ON persons (member_key);

-- Every change to the five identity items and the qualification dates,
-- with the extract it came from.
CREATE TABLE person_history (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons (id),
	extract_id INTEGER NOT NULL REFERENCES extracts (id),
	field TEXT NOT NULL,
	old TEXT NOT NULL,
	new TEXT NOT NULL
);
CREATE INDEX person_history_person ON person_history (person_id);

-- A person's individual number. number holds the first entry while it
-- awaits confirmation and the confirmed number after; it is NULL when a
-- mismatch or a deletion cleared it. hmac (keyed with the vault secret) is
-- what matching and duplicate checks compare, so they never read numbers.
CREATE TABLE numbers (
	person_id INTEGER PRIMARY KEY REFERENCES persons (id),
	state TEXT NOT NULL CHECK (state IN ('entered', 'confirmed', 'mismatch',
	    'held', 'deleted')),
	number TEXT,
	hmac BLOB,
	channel TEXT NOT NULL,
	received TEXT NOT NULL,
	doc TEXT NOT NULL,
	entered_by TEXT NOT NULL,
	entered TEXT NOT NULL,
	confirmed_by TEXT,
	confirmed TEXT,
	deleted TEXT
);
CREATE UNIQUE INDEX numbers_hmac ON numbers (hmac) WHERE hmac IS NOT NULL;

-- Cases for the supervisor: mismatched confirmations, duplicate numbers.
CREATE TABLE number_queue (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons (id),
	reason TEXT NOT NULL CHECK (reason IN ('mismatch', 'duplicate')),
	other_person INTEGER REFERENCES persons (id),
	created TEXT NOT NULL,
	actor TEXT NOT NULL,
	actor2 TEXT NOT NULL DEFAULT '',
	resolved TEXT,
	resolved_by TEXT
);
CREATE INDEX number_queue_open ON number_queue (resolved);

INSERT INTO vault_meta (key, value) VALUES ('retention_days', '365');
