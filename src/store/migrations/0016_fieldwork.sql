-- Stages 3 and 4 of a joint inspection (M 18-28): the fieldwork
-- arrangements every inspectorate agrees, the clearances each inspector
-- needs, the shared evidence register with each inspectorate's quality
-- assurance (R15) and the attachments kept in the database so every
-- instance sees them, interviews and focus groups (R16) and issues found in
-- live cases.

CREATE TABLE inspection_arrangements (
  id {{ID}},
  inspection_id BIGINT NOT NULL UNIQUE REFERENCES inspections (id),
  onsite_and_remote TEXT NOT NULL DEFAULT '',
  drafting TEXT NOT NULL DEFAULT 'undecided'
    CHECK (drafting IN ('undecided', 'overall_lead', 'each_lead')),
  inspectors_per_visit TEXT NOT NULL DEFAULT '',
  security TEXT NOT NULL DEFAULT '',
  shared_before TEXT NOT NULL DEFAULT '',
  evidence_recording TEXT NOT NULL DEFAULT '',
  updates TEXT NOT NULL DEFAULT '',
  pre_onsite_split TEXT NOT NULL DEFAULT '',
  debriefs TEXT NOT NULL DEFAULT '',
  live_cases TEXT NOT NULL DEFAULT '',
  interviews TEXT NOT NULL DEFAULT 'undecided'
    CHECK (interviews IN ('undecided', 'from_evidence', 'interview_plans', 'question_list')),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
INSERT INTO inspection_arrangements (inspection_id, updated_at)
  SELECT id, updated_at FROM inspections;

CREATE TABLE inspection_clearances (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('security_vetting', 'it_access')),
  detail TEXT NOT NULL,
  held INTEGER NOT NULL DEFAULT 0,
  expires_on TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_clearances_by_inspection ON inspection_clearances (inspection_id, user_id);

CREATE TABLE inspection_evidence (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  site_id BIGINT REFERENCES inspection_sites (id),
  method TEXT NOT NULL,
  gathered_on TEXT NOT NULL,
  recorded_for BIGINT NOT NULL REFERENCES inspectorates (id),
  recorded_by BIGINT NOT NULL REFERENCES users (id),
  summary TEXT NOT NULL,
  case_reference TEXT NOT NULL DEFAULT '',
  answers TEXT NOT NULL DEFAULT '',
  classification TEXT NOT NULL DEFAULT 'official'
    CHECK (classification IN ('official', 'official_sensitive')),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_evidence_by_inspection ON inspection_evidence (inspection_id, gathered_on);

-- Each inspectorate's quality assurance of an evidence item, bound to the
-- version it looked at: a change to the item asks again.
CREATE TABLE evidence_reviews (
  id {{ID}},
  evidence_id BIGINT NOT NULL REFERENCES inspection_evidence (id),
  evidence_version BIGINT NOT NULL,
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  state TEXT NOT NULL CHECK (state IN ('agreed', 'query_raised')),
  comment TEXT NOT NULL DEFAULT '',
  answer TEXT NOT NULL DEFAULT '',
  reviewed_by BIGINT NOT NULL REFERENCES users (id),
  reviewed_at TEXT NOT NULL,
  answered_by BIGINT,
  answered_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evidence_reviews_by_evidence ON evidence_reviews (evidence_id, id);

-- The content is kept as base64 text, the same on both backends.
CREATE TABLE evidence_attachments (
  id {{ID}},
  evidence_id BIGINT NOT NULL REFERENCES inspection_evidence (id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES users (id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX evidence_attachments_by_evidence ON evidence_attachments (evidence_id, id);

CREATE TABLE inspection_interviews (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  site_id BIGINT REFERENCES inspection_sites (id),
  kind TEXT NOT NULL CHECK (kind IN ('interview', 'focus_group')),
  held_on TEXT NOT NULL,
  with_whom TEXT NOT NULL,
  staffing TEXT NOT NULL DEFAULT 'joint' CHECK (staffing IN ('joint', 'single')),
  single_inspectorate BIGINT REFERENCES inspectorates (id),
  single_reason TEXT NOT NULL DEFAULT '',
  plan TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_interviews_by_inspection ON inspection_interviews (inspection_id, held_on);

CREATE TABLE inspection_live_cases (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  site_id BIGINT REFERENCES inspection_sites (id),
  found_on TEXT NOT NULL,
  case_reference TEXT NOT NULL,
  issue TEXT NOT NULL,
  action TEXT NOT NULL,
  action_by TEXT NOT NULL,
  classification TEXT NOT NULL DEFAULT 'official_sensitive'
    CHECK (classification IN ('official', 'official_sensitive')),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_live_cases_by_inspection ON inspection_live_cases (inspection_id, found_on);
