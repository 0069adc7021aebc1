-- Governance meetings (R20) are recorded ahead with their agenda, changed,
-- and once held given their minutes and who attended (the ids of the
-- members of their body, as a JSON array).
ALTER TABLE meetings ADD COLUMN minutes TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN attended TEXT NOT NULL DEFAULT '[]';
