-- Stage 7 of a joint inspection (M 41-47; R11, R21): the moment the report
-- is published, set by the lead once the report is signed off and bound to
-- the version signed off; the publication job claims it once (state moves
-- from 'scheduled' to 'published' in the transaction that releases it).
CREATE TABLE inspection_publications (
  inspection_id BIGINT PRIMARY KEY REFERENCES inspections (id),
  publish_at TEXT NOT NULL,
  content_version BIGINT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('scheduled', 'published')),
  scheduled_by BIGINT NOT NULL REFERENCES users (id),
  scheduled_at TEXT NOT NULL,
  published_at TEXT NOT NULL DEFAULT '',
  embargo_sent_at TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX inspection_publications_due ON inspection_publications (state, publish_at);

-- R21: who receives an embargoed copy for each sponsoring department; the
-- personal link's token is kept only as its SHA-256.
CREATE TABLE embargo_recipients (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  department TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  token_sha256 TEXT NOT NULL DEFAULT '',
  sent_at TEXT NOT NULL DEFAULT '',
  revoked_at TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX embargo_recipients_by_inspection ON embargo_recipients (inspection_id, id);
CREATE INDEX embargo_recipients_by_token ON embargo_recipients (token_sha256);

-- Every opening of an embargoed copy: when, and from which address.
CREATE TABLE embargo_openings (
  id {{ID}},
  recipient_id BIGINT NOT NULL REFERENCES embargo_recipients (id),
  opened_at TEXT NOT NULL,
  address TEXT NOT NULL,
  what TEXT NOT NULL
);
CREATE INDEX embargo_openings_by_recipient ON embargo_openings (recipient_id, id);
