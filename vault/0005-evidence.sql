-- 0005: evidence files kept in the vault (encrypted at rest with it), and
-- the privacy impact assessments (PIA, 特定個人情報保護評価) done.

-- One row per file. body is written in chunks through incremental blob I/O;
-- it is the last column so that listing never reads it. sha256 is taken
-- while the file streams in and re-checked on every copy out.
CREATE TABLE evidence (
	id INTEGER PRIMARY KEY,
	added TEXT NOT NULL,
	actor TEXT NOT NULL,
	title TEXT NOT NULL,
	about TEXT NOT NULL DEFAULT '',	-- person:KEY, medium:ID, test:NAME or ''
	file TEXT NOT NULL,		-- the original file's base name
	size INTEGER NOT NULL,
	type TEXT NOT NULL,		-- sniffed from the first bytes
	sha256 TEXT NOT NULL,
	body BLOB NOT NULL
);
CREATE INDEX evidence_about ON evidence (about);

-- A PIA done (or its yearly review): the date, and what the threshold
-- decision was then, so a later count that crosses a line is noticed.
CREATE TABLE pia_reviews (
	id INTEGER PRIMARY KEY,
	done TEXT NOT NULL,		-- YYYY-MM-DD
	persons INTEGER NOT NULL,
	level TEXT NOT NULL,
	staff INTEGER,			-- NULL: not asked (did not matter)
	incidents INTEGER,
	actor TEXT NOT NULL,
	recorded TEXT NOT NULL
);

INSERT INTO vault_meta (key, value) VALUES ('evidence_max_mb', '20');
