-- Stage 6 of a joint inspection, its last part (M 37-40; R11): the
-- report's approval chain. Each step is submitted on a version of the
-- report (what it held, item by item, kept with it) and approved for each
-- participating inspectorate on that version; critical readers, each
-- asked something by a deadline, with their response and what was done.

CREATE TABLE inspection_report_steps (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  step TEXT NOT NULL CHECK (step IN ('agreement', 'approval', 'critical_reading', 'sign_off')),
  content_version BIGINT NOT NULL,
  content TEXT NOT NULL,
  submitted_by BIGINT NOT NULL REFERENCES users (id),
  submitted_at TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_report_steps_by_inspection ON inspection_report_steps (inspection_id);

CREATE TABLE inspection_step_approvals (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  step_id BIGINT NOT NULL REFERENCES inspection_report_steps (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  approved_by BIGINT NOT NULL REFERENCES users (id),
  approved_at TEXT NOT NULL,
  content_version BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  UNIQUE (step_id, inspectorate_id)
);
CREATE INDEX inspection_step_approvals_by_inspection ON inspection_step_approvals (inspection_id);

CREATE TABLE inspection_critical_readers (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  name TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  scope TEXT NOT NULL CHECK (scope IN ('factual_accuracy', 'more')),
  asked TEXT NOT NULL DEFAULT '',
  deadline TEXT NOT NULL,
  response TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT 'none' CHECK (outcome IN ('none', 'accepted', 'not_accepted')),
  reason TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_critical_readers_by_inspection ON inspection_critical_readers (inspection_id);
