-- 0033: the accepted answers of a result packed a chunk of records per
-- row (src/store/reg-answers.c), beside reg_answers, which keeps the
-- refused answers, accepted ones it cannot pack (with a message, or a
-- branch number over 254 bytes) and every answer imported before this.
-- A row of reg_answers per accepted record was a B-tree insert per
-- record and, after the state, the largest write of a result import at
-- 400,000 records; an accepted answer needs only its branch number, which
-- the person's history (regstore_history) reads.
CREATE TABLE reg_answer_packs (
	id INTEGER PRIMARY KEY,
	file_id INTEGER NOT NULL REFERENCES reg_files (id),
	first_seq INTEGER NOT NULL,	-- seq of the pack's first record
	n INTEGER NOT NULL,		-- records in the pack
	data BLOB NOT NULL,
	UNIQUE (file_id, first_seq)
);
