-- 0006: 住基ネット inquiries: each inquiry file sent, each person asked
-- about (under a serial that is the target identifier), and the answers.

-- One row per inquiry file. (kind, seq) is unique, and seq is one more
-- than the highest of its kind: a sequence number is never used twice.
CREATE TABLE jlis_requests (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('N', 'G')),
	seq INTEGER NOT NULL CHECK (seq > 0),
	file TEXT NOT NULL,
	sha256 TEXT NOT NULL DEFAULT '',
	rows INTEGER NOT NULL DEFAULT 0,
	created TEXT NOT NULL,			-- YYYY-MM-DD
	actor TEXT NOT NULL,
	answer_file TEXT,
	answer_sha256 TEXT,
	answered TEXT,
	answered_by TEXT,
	UNIQUE (kind, seq)
);

-- One row per person in an inquiry. serial (AUTOINCREMENT: never reused,
-- not derived from the person) makes the target identifier
-- <insurer>_<serial>. number holds a J-LIS number only while a supervisor
-- must decide on it (state 'held'); a_* are the answer's identity items.
CREATE TABLE jlis_targets (
	serial INTEGER PRIMARY KEY AUTOINCREMENT,
	request_id INTEGER NOT NULL REFERENCES jlis_requests (id),
	person_id INTEGER NOT NULL REFERENCES persons (id),
	attempt INTEGER NOT NULL CHECK (attempt >= 1),
	state TEXT NOT NULL DEFAULT 'sent' CHECK (state IN ('sent',
	    'confirmed', 'held', 'accepted', 'rejected', 'not-found')),
	answered TEXT,
	number TEXT,
	a_name TEXT,
	a_kana TEXT,
	a_birth TEXT,
	a_sex TEXT,
	a_address TEXT,
	held_reason TEXT,
	resolved_by TEXT,
	resolved TEXT,
	reason TEXT
);
CREATE INDEX jlis_targets_person ON jlis_targets (person_id);
CREATE INDEX jlis_targets_request ON jlis_targets (request_id);
CREATE INDEX jlis_targets_state ON jlis_targets (state);

-- Days J-LIS has to answer an inquiry not yet shipped on a medium.
INSERT INTO vault_meta (key, value) VALUES ('jlis_answer_days', '35');
