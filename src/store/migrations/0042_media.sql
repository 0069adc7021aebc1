-- Stage 7 of a joint inspection (M 41-47; R11, R21), apart from the timed
-- publication: factual accuracy checks with those inspected and the
-- corrections each body sends back, decided; each participating
-- inspectorate's stakeholder distribution list; the media plan with the
-- press notice and its spokespeople; and post-publication activity.

CREATE TABLE inspection_factual_checks (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  body_id BIGINT NOT NULL REFERENCES bodies (id),
  extracts TEXT NOT NULL,
  sent_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_factual_checks_by_inspection ON inspection_factual_checks (inspection_id);

CREATE TABLE inspection_factual_corrections (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  check_id BIGINT NOT NULL REFERENCES inspection_factual_checks (id),
  section_id BIGINT REFERENCES inspection_report_sections (id),
  received_on TEXT NOT NULL,
  correction TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('undecided', 'accepted', 'not_accepted')),
  reason TEXT NOT NULL DEFAULT '',
  decided_by BIGINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_factual_corrections_by_inspection
  ON inspection_factual_corrections (inspection_id);

-- One list per participating inspectorate; an address on two lists is
-- flagged and sent to once (R21), so the same address may appear on
-- several lists but once on each.
CREATE TABLE inspection_distribution_recipients (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  recipient_name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  email TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_distribution_recipients_by_inspection
  ON inspection_distribution_recipients (inspection_id, inspectorate_id);

CREATE TABLE inspection_media_plans (
  id {{ID}},
  inspection_id BIGINT NOT NULL UNIQUE REFERENCES inspections (id),
  sender TEXT NOT NULL CHECK (sender IN ('undecided', 'lead', 'each_inspectorate')),
  interview_bids TEXT NOT NULL CHECK (interview_bids IN ('undecided', 'lead_only', 'shared')),
  press_notice TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE inspection_spokespeople (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  spokesperson TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('chief_inspector', 'hm_inspector', 'other')),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_spokespeople_by_inspection ON inspection_spokespeople (inspection_id);

CREATE TABLE inspection_publication_activities (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  activity TEXT NOT NULL CHECK (activity IN ('launch_event', 'round_table', 'briefing', 'other')),
  held_on TEXT NOT NULL,
  led_by TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_publication_activities_by_inspection
  ON inspection_publication_activities (inspection_id);
