-- 0003: identity verification (本人確認): what was seen for each person,
-- and the engine's last decision (recomputed at every record).

CREATE TABLE idproof (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons (id),
	channel TEXT NOT NULL,
	mode TEXT NOT NULL CHECK (mode IN ('in-person', 'post')),
	kind TEXT NOT NULL CHECK (kind IN ('doc', 'exemption')),
	item TEXT NOT NULL,		-- a document id (proxy:... for the proxy's) or an exemption id
	checked_by TEXT NOT NULL,
	recorded TEXT NOT NULL
);
CREATE INDEX idproof_person ON idproof (person_id);

CREATE TABLE idproof_status (
	person_id INTEGER PRIMARY KEY REFERENCES persons (id),
	channel TEXT NOT NULL,
	mode TEXT NOT NULL,
	complete INTEGER NOT NULL,
	pattern TEXT NOT NULL,
	missing TEXT NOT NULL,
	first_recorded TEXT NOT NULL,
	updated TEXT NOT NULL
);
CREATE INDEX idproof_status_open ON idproof_status (complete, channel);
