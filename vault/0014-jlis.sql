-- 0014: J-LIS inquiries through the dedicated terminal (統合専用端末), and
-- the spelling a name is sent in when J-LIS cannot take the record's.

-- How a medium travels: 'courier' (an AES ZIP shipped to J-LIS, the 2017
-- guide) or 'terminal' (a USB medium carried from the hand-over folder to
-- the dedicated terminal and back). For a terminal medium 'container' is
-- the USB medium's own label and 'sha256' is empty: the files' SHA-256 are
-- in media_files.
ALTER TABLE media ADD COLUMN channel TEXT NOT NULL DEFAULT 'courier'
    CHECK (channel IN ('courier', 'terminal'));

-- The 通用字体 spelling an inquiry sends for a person whose record J-LIS
-- cannot take (𠮷 → 吉). The imported name is never changed; the next
-- extract does not touch this either. kana '' sends the record's kana.
CREATE TABLE jlis_inquiry_names (
	person_id INTEGER PRIMARY KEY REFERENCES persons (id),
	name TEXT NOT NULL,
	kana TEXT NOT NULL DEFAULT '',
	reason TEXT NOT NULL,
	actor TEXT NOT NULL,
	recorded TEXT NOT NULL
);
