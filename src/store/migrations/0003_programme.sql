-- Programme planning: proposals, criteria and scores, yearly plans with
-- capacity and their programme, optimiser runs, joint decisions and
-- Ministers' comments. Quarters are numbers: financial year * 4 + quarter - 1.

CREATE TABLE proposals (
  id {{ID}},
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  background TEXT NOT NULL DEFAULT '',
  scope_and_purpose TEXT NOT NULL DEFAULT '',
  main_question TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL,
  part TEXT NOT NULL,
  origin TEXT NOT NULL,
  status TEXT NOT NULL,
  duration_quarters INTEGER NOT NULL CHECK (duration_quarters BETWEEN 1 AND 8),
  earliest_start INTEGER NOT NULL DEFAULT 0,
  specialist_skills TEXT NOT NULL DEFAULT '',
  contributes_to_improvement INTEGER NOT NULL DEFAULT 0,
  outcome_focused INTEGER NOT NULL DEFAULT 0,
  user_perspective INTEGER NOT NULL DEFAULT 0,
  forced TEXT NOT NULL DEFAULT 'none' CHECK (forced IN ('none', 'in', 'out')),
  forced_reason TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE proposal_participants (
  proposal_id BIGINT NOT NULL REFERENCES proposals (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  involvement TEXT NOT NULL CHECK (involvement IN ('lead', 'joint_lead', 'support', 'contribute')),
  effort_days INTEGER NOT NULL CHECK (effort_days BETWEEN 0 AND 5000),
  position INTEGER NOT NULL,
  PRIMARY KEY (proposal_id, inspectorate_id)
);

CREATE TABLE proposal_focus (
  proposal_id BIGINT NOT NULL REFERENCES proposals (id),
  focus TEXT NOT NULL,
  PRIMARY KEY (proposal_id, focus)
);

CREATE TABLE proposal_clashes (
  proposal_id BIGINT NOT NULL REFERENCES proposals (id),
  other_id BIGINT NOT NULL REFERENCES proposals (id),
  PRIMARY KEY (proposal_id, other_id)
);

CREATE TABLE criteria_sets (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  inspectorate_id BIGINT REFERENCES inspectorates (id),
  method TEXT NOT NULL CHECK (method IN ('direct', 'pairwise')),
  pairwise TEXT NOT NULL DEFAULT '[]',
  consistency_ratio DOUBLE PRECISION NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE criteria (
  id {{ID}},
  set_id BIGINT NOT NULL REFERENCES criteria_sets (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  weight DOUBLE PRECISION NOT NULL
);
CREATE INDEX criteria_by_set ON criteria (set_id, position);

-- One row per proposal, criterion and scoring inspectorate: the latest
-- score its representative gave.
CREATE TABLE scores (
  proposal_id BIGINT NOT NULL REFERENCES proposals (id),
  criterion_id BIGINT NOT NULL REFERENCES criteria (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 5),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (proposal_id, criterion_id, inspectorate_id)
);

CREATE TABLE plans (
  id {{ID}},
  first_year INTEGER NOT NULL UNIQUE,
  criteria_set_id BIGINT NOT NULL REFERENCES criteria_sets (id),
  state TEXT NOT NULL,
  introduction TEXT NOT NULL DEFAULT '',
  context TEXT NOT NULL DEFAULT '',
  min_process_coverage INTEGER NOT NULL DEFAULT 0,
  victim_waiver TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE plan_capacity (
  plan_id BIGINT NOT NULL REFERENCES plans (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  days_per_quarter INTEGER NOT NULL CHECK (days_per_quarter BETWEEN 0 AND 100000),
  PRIMARY KEY (plan_id, inspectorate_id)
);

-- The plan's programme: each work stream and the quarter it starts.
CREATE TABLE plan_items (
  plan_id BIGINT NOT NULL REFERENCES plans (id),
  proposal_id BIGINT NOT NULL REFERENCES proposals (id),
  start_quarter INTEGER NOT NULL,
  PRIMARY KEY (plan_id, proposal_id)
);

CREATE TABLE optimiser_runs (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES plans (id),
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'finished', 'failed')),
  time_limit_seconds INTEGER NOT NULL,
  requested_by BIGINT NOT NULL,
  requested_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  result TEXT NOT NULL DEFAULT '{}',
  error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX optimiser_runs_by_plan ON optimiser_runs (plan_id, id);

CREATE TABLE joint_decisions (
  id {{ID}},
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  plan_id BIGINT REFERENCES plans (id),
  proposal_id BIGINT REFERENCES proposals (id),
  run_id BIGINT REFERENCES optimiser_runs (id),
  payload TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL CHECK (state IN ('awaiting', 'agreed', 'declined')),
  raised_by BIGINT NOT NULL,
  raised_at TEXT NOT NULL,
  decided_at TEXT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX joint_decisions_by_state ON joint_decisions (state, id);

CREATE TABLE joint_decision_concerned (
  decision_id BIGINT NOT NULL REFERENCES joint_decisions (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  PRIMARY KEY (decision_id, inspectorate_id)
);

CREATE TABLE joint_decision_responses (
  decision_id BIGINT NOT NULL REFERENCES joint_decisions (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  agreed INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  by_user_id BIGINT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (decision_id, inspectorate_id)
);

CREATE TABLE minister_comments (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES plans (id),
  minister TEXT NOT NULL,
  received_on TEXT NOT NULL,
  comment TEXT NOT NULL,
  response TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NOT NULL,
  recorded_at TEXT NOT NULL
);
