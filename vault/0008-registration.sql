-- 0008: registration with the intermediate server (中間サーバー): the files
-- sent, exactly what each contained, the results, the branch numbers, the
-- last record the server accepted per person and dataset, and cut-overs.

-- One row per file written for the server (加入者情報一括登録 or a 副本).
CREATE TABLE reg_files (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,		-- persons, qualification, kogaku, ...
	file TEXT NOT NULL UNIQUE,	-- the name as written (no folder)
	sha256 TEXT NOT NULL,		-- of the file's bytes
	records INTEGER NOT NULL,
	layout TEXT NOT NULL,
	layout_version INTEGER NOT NULL,
	mode TEXT NOT NULL CHECK (mode IN ('full', 'diff', 'retry', 'correction')),
	base_extract INTEGER REFERENCES extracts (id),	-- newest extract then
	cutover INTEGER REFERENCES cutovers (id),	-- the cut-over in force
	source_sha256 TEXT NOT NULL DEFAULT '',	-- input CSV of a 副本 kind
	created TEXT NOT NULL,
	actor TEXT NOT NULL,
	result_file TEXT,		-- NULL until the result is imported
	result_sha256 TEXT,
	accepted INTEGER,
	failed INTEGER,
	resulted TEXT,
	result_actor TEXT
);
CREATE INDEX reg_files_kind ON reg_files (kind, resulted);

-- Each record of each file: the hash of its bytes as sent (sent_hash), the
-- hash of its values without sequence and action (content_hash, what the
-- differential compares), and what it was built from (the person row's hash
-- and the number's keyed hash), never the values themselves.
CREATE TABLE reg_records (
	file_id INTEGER NOT NULL REFERENCES reg_files (id),
	seq INTEGER NOT NULL,		-- 1-based record number in the file
	person_id INTEGER NOT NULL REFERENCES persons (id),
	rkey TEXT NOT NULL,		-- person key, or key/record for 副本 rows
	action INTEGER NOT NULL,	-- 1 new, 2 change, 3 loss
	sent_hash BLOB NOT NULL,
	content_hash BLOB NOT NULL,
	src_hash BLOB,
	num_hmac BLOB,
	status TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent',
	    'accepted', 'failed')),
	branch TEXT,
	message TEXT,
	PRIMARY KEY (file_id, seq)
) WITHOUT ROWID;
CREATE INDEX reg_records_person ON reg_records (person_id);

-- The last record the server accepted, per dataset and record key.
CREATE TABLE reg_state (
	kind TEXT NOT NULL,
	rkey TEXT NOT NULL,
	person_id INTEGER NOT NULL REFERENCES persons (id),
	file_id INTEGER NOT NULL REFERENCES reg_files (id),
	seq INTEGER NOT NULL,
	action INTEGER NOT NULL,
	content_hash BLOB NOT NULL,
	src_hash BLOB,			-- refreshed when a re-check finds no change
	num_hmac BLOB,
	PRIMARY KEY (kind, rkey)
) WITHOUT ROWID;

-- Rows the server refused and that no later result accepted: to correct
-- and send again (--retry).
CREATE TABLE reg_failed (
	kind TEXT NOT NULL,
	rkey TEXT NOT NULL,
	person_id INTEGER NOT NULL REFERENCES persons (id),
	file_id INTEGER NOT NULL REFERENCES reg_files (id),
	seq INTEGER NOT NULL,
	message TEXT NOT NULL,
	PRIMARY KEY (kind, rkey)
) WITHOUT ROWID;

-- 被保険者枝番 issued by the server, from the result that gave it.
CREATE TABLE branches (
	person_id INTEGER PRIMARY KEY REFERENCES persons (id),
	branch TEXT NOT NULL,
	file_id INTEGER NOT NULL REFERENCES reg_files (id),
	assigned TEXT NOT NULL
);

-- Switches and re-switches of the existing system (切替 / 再切替).
CREATE TABLE cutovers (
	id INTEGER PRIMARY KEY,
	recorded TEXT NOT NULL,
	actor TEXT NOT NULL,
	reason TEXT NOT NULL,
	base_extract INTEGER REFERENCES extracts (id)
);
