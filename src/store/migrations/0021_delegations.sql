-- Delegated authority (R23): the functions an inspectorate taking part in
-- an inspection delegated on it to another public authority (an
-- inspectorate or a body of the directory), each to one named person,
-- authorised by its Chief Inspector, until it ends or is revoked. Evidence
-- recorded and quality assurance given under a delegation say so.

CREATE TABLE inspection_delegations (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  delegating_inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  receiving_inspectorate_id BIGINT REFERENCES inspectorates (id),
  receiving_body_id BIGINT REFERENCES bodies (id),
  function TEXT NOT NULL CHECK (function IN ('fieldwork', 'quality_assurance')),
  user_id BIGINT NOT NULL REFERENCES users (id),
  scope TEXT NOT NULL,
  ends_on TEXT NOT NULL DEFAULT '',
  authorised_by BIGINT NOT NULL REFERENCES users (id),
  authorised_on TEXT NOT NULL,
  revoked_on TEXT NOT NULL DEFAULT '',
  revoked_by BIGINT REFERENCES users (id),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_delegations_by_inspection ON inspection_delegations (inspection_id, user_id);

ALTER TABLE inspection_evidence ADD COLUMN delegation_id BIGINT REFERENCES inspection_delegations (id);
ALTER TABLE inspection_evidence ADD COLUMN acting_as TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence_reviews ADD COLUMN acting_as TEXT NOT NULL DEFAULT '';
