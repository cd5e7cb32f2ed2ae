-- 0012: a password that an administrator set (a new account, an unlock, a
-- reset) is temporary: its owner must replace it at the first login, so no
-- administrator knows a password in use and can act as that person.
--
-- The column users.must_change (INTEGER NOT NULL DEFAULT 0, 0 or 1) is
-- added in C right after this file (users_add_must_change): SQLite has no
-- ADD COLUMN IF NOT EXISTS, and a migration must be safe to run again.
SELECT 1;
