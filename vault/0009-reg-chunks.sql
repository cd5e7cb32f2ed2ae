-- 0009: what a registration file contained is kept a chunk of records per
-- row (reg_sent, packed by src/domain/regpack.c), and the server's answer
-- per record in reg_answers. One row per record with an index on the
-- person cost several times the export itself at 400,000 persons. The
-- records of 0008's reg_records are packed into reg_sent by the migration
-- step in C that runs after this file (src/store/reg-legacy.c), which then
-- drops reg_records.

CREATE TABLE reg_sent (
	id INTEGER PRIMARY KEY,
	file_id INTEGER NOT NULL REFERENCES reg_files (id),
	first_seq INTEGER NOT NULL,	-- seq of the chunk's first record
	n INTEGER NOT NULL,		-- records in the chunk
	min_person INTEGER NOT NULL,	-- person ids in the chunk, to find
	max_person INTEGER NOT NULL,	-- a person's records without a scan
	data BLOB NOT NULL,
	UNIQUE (file_id, first_seq)
);
CREATE INDEX reg_sent_person ON reg_sent (min_person, max_person);

-- The result file's answer for each record: accepted (with the branch
-- number) or refused (with the server's message). A record without a row
-- here was sent and not answered yet.
CREATE TABLE reg_answers (
	file_id INTEGER NOT NULL REFERENCES reg_files (id),
	seq INTEGER NOT NULL,
	person_id INTEGER NOT NULL REFERENCES persons (id),
	status TEXT NOT NULL CHECK (status IN ('accepted', 'failed')),
	branch TEXT,
	message TEXT,
	PRIMARY KEY (file_id, seq)
) WITHOUT ROWID;

INSERT INTO reg_answers (file_id, seq, person_id, status, branch, message)
    SELECT file_id, seq, person_id, status, branch, message FROM reg_records
    WHERE status != 'sent';
