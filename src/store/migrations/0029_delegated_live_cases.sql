-- Delegated authority (R23): under a delegation of fieldwork its people
-- also record issues in live cases and clearances for the delegating
-- inspectorate, each saying so.

ALTER TABLE inspection_live_cases ADD COLUMN delegation_id BIGINT REFERENCES inspection_delegations (id);
ALTER TABLE inspection_live_cases ADD COLUMN acting_as TEXT NOT NULL DEFAULT '';
ALTER TABLE inspection_clearances ADD COLUMN delegation_id BIGINT REFERENCES inspection_delegations (id);
ALTER TABLE inspection_clearances ADD COLUMN acting_as TEXT NOT NULL DEFAULT '';
