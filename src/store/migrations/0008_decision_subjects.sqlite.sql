-- Adopting a run names the plan it is adopted for in what it would do.
UPDATE joint_decisions SET payload = json_set(payload, '$.plan_id', plan_id)
WHERE kind = 'adopt_run' AND plan_id IS NOT NULL;
