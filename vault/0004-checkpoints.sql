-- 0004: signed checkpoints of the audit log: a Merkle root (RFC 6962) over
-- the first tree_size records, in a short signed note (C2SP signed-note
-- style) that outsiders can check with openssl.

CREATE TABLE checkpoints (
	id INTEGER PRIMARY KEY,
	tree_size INTEGER NOT NULL,
	root BLOB NOT NULL,
	note TEXT NOT NULL,
	signature BLOB NOT NULL,
	created TEXT NOT NULL,
	actor TEXT NOT NULL
);
