-- 0001: the vault's foundation: metadata, accounts and the audit chain.
-- Applied once, inside a transaction, by mynadesk's migration runner; the
-- runner itself records each migration in schema_migrations.

CREATE TABLE schema_migrations (
	version INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	applied TEXT NOT NULL
);

-- Facts about the vault: insurer code and name, vault id, settings.
CREATE TABLE vault_meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'clerk')),
	status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked')),
	created TEXT NOT NULL,
	last_login TEXT,
	pw_changed TEXT NOT NULL
);

-- The audit log. hash = SHA-256(prev || SHA-256(0x00 || canonical body)),
-- see src/domain/auditrec.c for the body's byte form.
CREATE TABLE audit (
	seq INTEGER PRIMARY KEY,
	ts TEXT NOT NULL,
	actor TEXT NOT NULL,
	actor2 TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	subject TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT '',
	prev BLOB NOT NULL,
	hash BLOB NOT NULL
);
CREATE INDEX audit_ts ON audit (ts);
CREATE INDEX audit_actor ON audit (actor);
CREATE INDEX audit_action ON audit (action);

-- Guards against mistakes, not against an attacker (who could drop them):
-- the hash chain is what detects tampering.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit records are append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit records are append-only');
END;
