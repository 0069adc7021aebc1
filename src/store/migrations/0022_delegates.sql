-- Delegated authority (R23): a delegation names several people of the
-- receiving authority (the first on the delegation itself, the others
-- here); under a delegation of fieldwork its people also record interviews
-- and focus groups, visit as one of a joint pair and answer queries on the
-- delegating inspectorate's evidence, each saying so.

CREATE TABLE inspection_delegates (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  delegation_id BIGINT NOT NULL REFERENCES inspection_delegations (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  UNIQUE (delegation_id, user_id)
);
CREATE INDEX inspection_delegates_by_inspection ON inspection_delegates (inspection_id);

ALTER TABLE inspection_interviews ADD COLUMN delegation_id BIGINT REFERENCES inspection_delegations (id);
ALTER TABLE inspection_interviews ADD COLUMN acting_as TEXT NOT NULL DEFAULT '';
ALTER TABLE inspection_visit_places ADD COLUMN acting_as TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence_reviews ADD COLUMN answered_as TEXT NOT NULL DEFAULT '';
