-- 0017: J-LIS collation of every registration (May 2024). The server
-- compares each 加入者情報 it registers with the resident registry; a
-- person whose five items do not match is blocked until the insurer
-- registers a corrected record or "no error, with a reason" (理由付き疑い
-- なし). One row per person with a collation still to settle, or with a
-- no-error decision in force (its 本人確認判定フラグ is sent on every
-- later record of the person, or the next differential would send the
-- record back without it and be blocked again).
--
-- state: 'mismatch'  the server said the items differ: blocked
--        'no-error'  a supervisor and a second person decided there is no
--                    error; blocked until a result accepts the record
--                    sent with the flag (cleared is then set)
-- A later result that registers the person's record without a mismatch
-- deletes a 'mismatch' row and clears a 'no-error' one.
CREATE TABLE reg_collation (
	person_id INTEGER PRIMARY KEY REFERENCES persons (id),
	state TEXT NOT NULL CHECK (state IN ('mismatch', 'no-error')),
	file_id INTEGER NOT NULL REFERENCES reg_files (id),	-- the result
	seq INTEGER NOT NULL,		-- that reported the mismatch
	items TEXT NOT NULL,		-- 5 flags: name kana birth sex address
	-- The registry's values as the result gave them ('' when it did
	-- not): what the console shows beside the person's record.
	j_name TEXT NOT NULL DEFAULT '',
	j_kana TEXT NOT NULL DEFAULT '',
	j_birth TEXT NOT NULL DEFAULT '',
	j_sex TEXT NOT NULL DEFAULT '',
	j_address TEXT NOT NULL DEFAULT '',
	reported TEXT NOT NULL,
	reason TEXT,			-- the no-error decision
	decided TEXT,
	decided_by TEXT,
	checker TEXT,
	cleared TEXT			-- no-error registered by the server
);

-- Every mismatch a result reported, kept after it is settled: the
-- person's registration history shows the record's state as a J-LIS
-- mismatch, distinct from accepted and refused (reg_answers keeps
-- 'accepted' for it: the server did register the record).
CREATE TABLE reg_jlis_mismatches (
	file_id INTEGER NOT NULL REFERENCES reg_files (id),
	seq INTEGER NOT NULL,
	person_id INTEGER NOT NULL REFERENCES persons (id),
	items TEXT NOT NULL,
	PRIMARY KEY (file_id, seq)
) WITHOUT ROWID;
