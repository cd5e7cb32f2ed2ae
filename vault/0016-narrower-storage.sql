-- 0016: narrower storage where writing it was most of the work.
--
-- The accepted state (reg_state) keeps only what is read from it: the
-- key, the person, the record it came from, the action and the content
-- hash. The hashes of the person row and of the number it was built
-- from (src_hash, num_hmac) were written for every accepted record and never read: the
-- differential compares content hashes, and what a record was built from
-- stays in its packed record (reg_sent). They were two thirds of each
-- row's bytes, and writing the state was the largest part of a result
-- import (each page of it encrypted).
CREATE TABLE reg_state_0016 (
	kind TEXT NOT NULL,
	rkey TEXT NOT NULL,
	person_id INTEGER NOT NULL REFERENCES persons (id),
	file_id INTEGER NOT NULL REFERENCES reg_files (id),
	seq INTEGER NOT NULL,
	action INTEGER NOT NULL,
	content_hash BLOB NOT NULL,
	PRIMARY KEY (kind, rkey)
) WITHOUT ROWID;
INSERT INTO reg_state_0016 (kind, rkey, person_id, file_id, seq, action,
    content_hash) SELECT kind, rkey, person_id, file_id, seq, action,
    content_hash FROM reg_state;
DROP TABLE reg_state;
ALTER TABLE reg_state_0016 RENAME TO reg_state;
CREATE INDEX reg_state_person ON reg_state (kind, person_id, action,
    content_hash);

-- Each J-LIS inquiry row wrote its target into the table and three
-- indexes. Nothing looks targets up by request (the join goes from the
-- target to its request), and by state only the few held ones are sought
-- (the pending list reads every target anyway): the request index goes,
-- and the state index keeps only held targets.
DROP INDEX IF EXISTS jlis_targets_request;
DROP INDEX IF EXISTS jlis_targets_state;
CREATE INDEX IF NOT EXISTS jlis_targets_held ON jlis_targets (state) WHERE state = 'held';
