-- 0015: the 2-digit 枝番 of the insured number (個人単位被保険者番号, 2021:
-- 記号・番号・枝番 on every card and in online qualification checks), and the
-- extract's columns mynadesk has no role for, kept by name so that a
-- registration layout can name them without a rebuild (name US value RS,
-- see domain/person.h). Both empty for persons imported before.
ALTER TABLE persons ADD COLUMN edaban TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN extra TEXT NOT NULL DEFAULT '';

-- The retention default (365 days) had no source. Benefit claims under the
-- National Health Insurance Act prescribe after 2 years (国保法 110条); the
-- association sets the period from its 取扱規程. 731 days are two years
-- with a leap day. A vault still on the old default, never set by an
-- administrator, moves to the new one; a value someone chose stays.
UPDATE vault_meta SET value = '731' WHERE key = 'retention_days' AND
    value = '365' AND NOT EXISTS (SELECT 1 FROM audit WHERE
    action = 'settings.set' AND subject = 'retention-days');
