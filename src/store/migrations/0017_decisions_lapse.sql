-- A joint decision still awaiting answers lapses when a newer version of
-- what it decides is put to the inspectorates: it is closed (state
-- 'declined', with no inspectorate's answer) and says when, and which
-- decision took its place.
ALTER TABLE joint_decisions ADD COLUMN lapsed_at TEXT;
ALTER TABLE joint_decisions ADD COLUMN superseded_by BIGINT REFERENCES joint_decisions (id);
