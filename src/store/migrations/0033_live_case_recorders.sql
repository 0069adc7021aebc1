-- Delegated authority (R23): an issue in a live case says who recorded it
-- and for which inspectorate, so that someone under that inspectorate's
-- delegation of fieldwork reads and changes it as its team would; a
-- clearance says who recorded it. Filled in from the audit trail's entry
-- that created each, and for an issue recorded under a delegation, from
-- the delegating inspectorate.
ALTER TABLE inspection_live_cases ADD COLUMN recorded_by BIGINT REFERENCES users (id);
ALTER TABLE inspection_live_cases ADD COLUMN recorded_for BIGINT REFERENCES inspectorates (id);
ALTER TABLE inspection_clearances ADD COLUMN recorded_by BIGINT REFERENCES users (id);

UPDATE inspection_live_cases SET recorded_by = (
  SELECT MIN(a.actor_id) FROM audit_log a JOIN users u ON u.id = a.actor_id
  WHERE a.entity_type = 'live_case_issue' AND a.action = 'create'
    AND a.entity_id = inspection_live_cases.id
);
UPDATE inspection_clearances SET recorded_by = (
  SELECT MIN(a.actor_id) FROM audit_log a JOIN users u ON u.id = a.actor_id
  WHERE a.entity_type = 'clearance' AND a.action = 'create'
    AND a.entity_id = inspection_clearances.id
);
UPDATE inspection_live_cases SET recorded_for = (
  SELECT d.delegating_inspectorate_id FROM inspection_delegations d
  WHERE d.id = inspection_live_cases.delegation_id
) WHERE delegation_id IS NOT NULL;
UPDATE inspection_live_cases SET recorded_for = (
  SELECT MIN(m.inspectorate_id) FROM inspection_team m
  WHERE m.inspection_id = inspection_live_cases.inspection_id
    AND m.user_id = inspection_live_cases.recorded_by
) WHERE recorded_for IS NULL;
