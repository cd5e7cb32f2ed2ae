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

-- A full export asks, for every person, whether the server holds a record
-- of them and with which action: a seek by key string cost more than
-- reading the person. This index answers it by person id, in id order.
CREATE INDEX reg_state_person ON reg_state (kind, person_id, action);

-- Persons whose record may differ from what the server last accepted, per
-- dataset held in the vault (bit 1 persons, bit 2 qualification). The
-- daily differential reads these instead of every person: a full pass
-- over 400,000 persons cost as much as the full export it should be a
-- fifth of. The persons writer (src/store/persons.c) marks the persons an
-- import adds or changes, triggers mark changed numbers and branch
-- numbers, each with the export epoch current then; a file
-- remembers the epoch it was written in, and its accepted records clear
-- the marks made before it (a change made after the export stays marked).
-- A differential also clears the marks of persons whose record comes out
-- as accepted.
-- No foreign key and no trigger on persons: either would make SQLite keep
-- a statement journal (encrypted, page by page) for every person an import
-- writes, which made a 400,000 person import four times slower.
CREATE TABLE reg_dirty (
	person_id INTEGER PRIMARY KEY,
	kinds INTEGER NOT NULL,
	epoch INTEGER NOT NULL
);
CREATE TABLE reg_epoch (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	epoch INTEGER NOT NULL
);
INSERT INTO reg_epoch (one, epoch) VALUES (1, 1);
-- The epoch each file was written in (files written before this
-- migration have none, and their results clear no marks).
CREATE TABLE reg_file_epochs (
	file_id INTEGER PRIMARY KEY REFERENCES reg_files (id),
	epoch INTEGER NOT NULL
);

CREATE TRIGGER reg_dirty_number_new AFTER INSERT ON numbers BEGIN
	INSERT OR REPLACE INTO reg_dirty (person_id, kinds, epoch) VALUES
	    (NEW.person_id, 1 | coalesce((SELECT kinds FROM reg_dirty WHERE
	    person_id = NEW.person_id), 0), (SELECT epoch FROM reg_epoch));
END;
CREATE TRIGGER reg_dirty_number_changed AFTER UPDATE ON numbers
    WHEN OLD.hmac IS NOT NEW.hmac OR OLD.state IS NOT NEW.state BEGIN
	INSERT OR REPLACE INTO reg_dirty (person_id, kinds, epoch) VALUES
	    (NEW.person_id, 1 | coalesce((SELECT kinds FROM reg_dirty WHERE
	    person_id = NEW.person_id), 0), (SELECT epoch FROM reg_epoch));
END;
CREATE TRIGGER reg_dirty_number_gone AFTER DELETE ON numbers BEGIN
	INSERT OR REPLACE INTO reg_dirty (person_id, kinds, epoch) VALUES
	    (OLD.person_id, 1 | coalesce((SELECT kinds FROM reg_dirty WHERE
	    person_id = OLD.person_id), 0), (SELECT epoch FROM reg_epoch));
END;
CREATE TRIGGER reg_dirty_branch_new AFTER INSERT ON branches BEGIN
	INSERT OR REPLACE INTO reg_dirty (person_id, kinds, epoch) VALUES
	    (NEW.person_id, 2 | coalesce((SELECT kinds FROM reg_dirty WHERE
	    person_id = NEW.person_id), 0), (SELECT epoch FROM reg_epoch));
END;
CREATE TRIGGER reg_dirty_branch_changed AFTER UPDATE ON branches
    WHEN OLD.branch IS NOT NEW.branch BEGIN
	INSERT OR REPLACE INTO reg_dirty (person_id, kinds, epoch) VALUES
	    (NEW.person_id, 2 | coalesce((SELECT kinds FROM reg_dirty WHERE
	    person_id = NEW.person_id), 0), (SELECT epoch FROM reg_epoch));
END;

-- A vault that registered before this: everyone is marked, then those
-- whose accepted state was built from their current row are cleared (0008
-- kept what each record was built from; from here on the epochs say it).
INSERT INTO reg_dirty (person_id, kinds, epoch) SELECT id, 3, 0 FROM persons;
UPDATE reg_dirty SET kinds = kinds & ~1 WHERE person_id IN (SELECT s.person_id
    FROM reg_state s JOIN persons p ON p.id = s.person_id LEFT JOIN numbers n
    ON n.person_id = p.id AND n.state = 'confirmed' WHERE s.kind = 'persons'
    AND s.src_hash IS p.row_hash AND s.num_hmac IS n.hmac);
UPDATE reg_dirty SET kinds = kinds & ~2 WHERE person_id IN (SELECT s.person_id
    FROM reg_state s JOIN persons p ON p.id = s.person_id WHERE
    s.kind = 'qualification' AND s.src_hash IS p.row_hash);
DELETE FROM reg_dirty WHERE kinds = 0;
