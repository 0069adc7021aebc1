-- Adopting a run names the plan it is adopted for in what it would do.
UPDATE joint_decisions SET payload = jsonb_set(payload::jsonb, '{plan_id}', to_jsonb(plan_id))::text
WHERE kind = 'adopt_run' AND plan_id IS NOT NULL;
