-- Delegated authority (R23): an interview or focus group says who recorded
-- it, so that someone who recorded it under a delegation of fieldwork may
-- change it while the delegation is in force. Filled in from the audit
-- trail's entry that created each.
ALTER TABLE inspection_interviews ADD COLUMN recorded_by BIGINT REFERENCES users (id);

UPDATE inspection_interviews SET recorded_by = (
  SELECT MIN(a.actor_id) FROM audit_log a JOIN users u ON u.id = a.actor_id
  WHERE a.entity_type = 'interview' AND a.action = 'create'
    AND a.entity_id = inspection_interviews.id
);
