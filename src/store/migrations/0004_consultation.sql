-- Consultation on the programme (R9, R10) and governance rotation (R20).
-- Dates are YYYY-MM-DD text; lists of questions and answers are JSON text.

CREATE TABLE contacts (
  id {{ID}},
  name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE consultation_rounds (
  id {{ID}},
  title TEXT NOT NULL,
  first_year INTEGER NOT NULL,
  years INTEGER NOT NULL CHECK (years IN (1, 2)),
  owner_inspectorate_id BIGINT REFERENCES inspectorates (id),
  opens_on TEXT NOT NULL,
  deadline TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
  sections TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE consultees (
  id {{ID}},
  round_id BIGINT NOT NULL REFERENCES consultation_rounds (id),
  contact_id BIGINT REFERENCES contacts (id),
  category TEXT NOT NULL,
  inspectorate_id BIGINT REFERENCES inspectorates (id),
  organisation TEXT NOT NULL,
  dropped INTEGER NOT NULL DEFAULT 0,
  dropped_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consultees_by_round ON consultees (round_id, id);

CREATE TABLE consultation_responses (
  id {{ID}},
  round_id BIGINT NOT NULL REFERENCES consultation_rounds (id),
  name TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  on_behalf_of TEXT NOT NULL DEFAULT '',
  answers TEXT NOT NULL,
  consent_to_publish INTEGER NOT NULL DEFAULT 0,
  channel TEXT NOT NULL CHECK (channel IN ('online', 'email', 'post')),
  received_on TEXT NOT NULL,
  late INTEGER NOT NULL DEFAULT 0,
  topics TEXT NOT NULL DEFAULT '[]',
  fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL
);
-- The same answers from the same person twice are one response.
CREATE UNIQUE INDEX responses_once ON consultation_responses (round_id, fingerprint);

CREATE TABLE response_proposals (
  response_id BIGINT NOT NULL REFERENCES consultation_responses (id),
  proposal_id BIGINT NOT NULL REFERENCES proposals (id),
  PRIMARY KEY (response_id, proposal_id)
);
CREATE INDEX response_proposals_by_proposal ON response_proposals (proposal_id);

CREATE TABLE dispatches (
  id {{ID}},
  consultee_id BIGINT NOT NULL REFERENCES consultees (id),
  sent_on TEXT NOT NULL,
  method TEXT NOT NULL,
  what TEXT NOT NULL,
  recorded_by BIGINT NOT NULL,
  recorded_at TEXT NOT NULL
);

CREATE TABLE governance_rotation (
  body TEXT PRIMARY KEY,
  inspectorate_order TEXT NOT NULL,
  first_year INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
