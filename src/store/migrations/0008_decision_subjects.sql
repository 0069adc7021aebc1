-- A joint decision names its subject the same way whatever it is about: the
-- kind of decision says what `subject_id` refers to (a plan, an optimiser
-- run, a proposal...), and `subject_version`, when set, is the version of
-- the subject that every inspectorate is asked to agree.
--
-- plan_id, proposal_id and run_id are no longer written. They keep their
-- values on the decisions made before this migration, which are copied
-- below; SQLite cannot drop a column that a foreign key uses.

ALTER TABLE joint_decisions ADD COLUMN subject_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE joint_decisions ADD COLUMN subject_version BIGINT;

UPDATE joint_decisions SET subject_id = COALESCE(CASE kind
    WHEN 'approve_plan' THEN plan_id
    WHEN 'adopt_run' THEN run_id
    WHEN 'force' THEN proposal_id
  END, 0)
WHERE kind IN ('approve_plan', 'adopt_run', 'force');

CREATE INDEX joint_decisions_by_subject ON joint_decisions (kind, subject_id, state);
