-- 0030: the accepted state keyed by person, one B-tree instead of two.
--
-- reg_state was keyed by (kind, rkey) and every reader but one came in by
-- person, through the covering index reg_state_person (0011, 0016): each
-- accepted record was written twice, the index half the state's bytes,
-- and writing the state was the largest statement of a result import.
-- Keyed by (kind, person_id, rkey) the table is its own covering index
-- for the differential and the full export, and the one lookup by record
-- key (a 副本 row) knows its person. (kind, rkey) stays unique: a record
-- key starts with its person's key, which never changes.
CREATE TABLE reg_state_0030 (
	kind TEXT NOT NULL,
	person_id INTEGER NOT NULL REFERENCES persons (id),
	rkey TEXT NOT NULL,
	file_id INTEGER NOT NULL REFERENCES reg_files (id),
	seq INTEGER NOT NULL,
	action INTEGER NOT NULL,
	content_hash BLOB NOT NULL,
	PRIMARY KEY (kind, person_id, rkey)
) WITHOUT ROWID;
INSERT INTO reg_state_0030 (kind, person_id, rkey, file_id, seq, action,
    content_hash) SELECT kind, person_id, rkey, file_id, seq, action,
    content_hash FROM reg_state;
DROP TABLE reg_state;
ALTER TABLE reg_state_0030 RENAME TO reg_state;
