-- 0031: whether a person's row changed, answered from an index.
--
-- A daily re-import is mostly unchanged rows. Each was looked up by key
-- through the key's unique index and then read from its wide table row,
-- for nothing but row_hash and last_extract: every table page of the
-- persons decrypted again, the larger part of a 1% re-import of 400,000
-- persons. With both in the index, beside the key, an unchanged row is
-- answered by index pages alone (a fifth of the bytes); the wide row is
-- read only for a row that changed, for its history.
CREATE INDEX persons_key_hash ON persons (key, row_hash, last_extract);
