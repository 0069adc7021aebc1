-- Joint thematic inspections (R11-R13): who leads and who takes part, the
-- team with its lead inspectors and senior overseers (and who they
-- replaced, and why), the terms of reference with their methods and red
-- lines, stakeholder liaison, the timetable and the lead's project plan,
-- and each version of the terms of reference published once signed off.

CREATE TABLE inspections (
  id {{ID}},
  title TEXT NOT NULL,
  proposal_id BIGINT REFERENCES proposals (id),
  lead_inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  started_on TEXT NOT NULL,
  timetable_version BIGINT NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX inspections_by_proposal ON inspections (proposal_id);

-- Every inspectorate taking part: the criminal justice ones decide jointly
-- ('participating'); others are named partners.
CREATE TABLE inspection_inspectorates (
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  part TEXT NOT NULL CHECK (part IN ('participating', 'partner')),
  PRIMARY KEY (inspection_id, inspectorate_id)
);

CREATE TABLE inspection_team (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL CHECK (role IN ('lead_inspector', 'senior_overseer', 'team_member')),
  joined_on TEXT NOT NULL,
  left_on TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inspection_team_by_inspection ON inspection_team (inspection_id, id);
CREATE INDEX inspection_team_by_user ON inspection_team (user_id, left_on);

CREATE TABLE inspection_terms (
  id {{ID}},
  inspection_id BIGINT NOT NULL UNIQUE REFERENCES inspections (id),
  background TEXT NOT NULL DEFAULT '',
  aims TEXT NOT NULL DEFAULT '',
  question TEXT NOT NULL DEFAULT '',
  criteria TEXT NOT NULL DEFAULT '',
  sites TEXT NOT NULL DEFAULT '',
  methodology TEXT NOT NULL DEFAULT '',
  timetable TEXT NOT NULL DEFAULT '',
  report_structure TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL DEFAULT '',
  publication TEXT NOT NULL DEFAULT 'undecided'
    CHECK (publication IN ('undecided', 'soft_launch', 'proactive_media')),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE inspection_methods (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  method TEXT NOT NULL,
  value_added TEXT NOT NULL,
  presentation TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  UNIQUE (inspection_id, method)
);

CREATE TABLE inspection_red_lines (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  text TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_red_lines_by_inspection ON inspection_red_lines (inspection_id);

CREATE TABLE inspection_liaison (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  held_on TEXT NOT NULL,
  with_whom TEXT NOT NULL,
  summary TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_liaison_by_inspection ON inspection_liaison (inspection_id);

CREATE TABLE inspection_key_dates (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_key_dates_by_inspection ON inspection_key_dates (inspection_id, starts_on);

CREATE TABLE inspection_tasks (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  title TEXT NOT NULL,
  owner TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_tasks_by_inspection ON inspection_tasks (inspection_id, due_on);

-- What the public page "inspections in progress" shows: a copy of each
-- signed-off version, made by the sign-off itself, so nothing unsigned can
-- reach it.
CREATE TABLE published_terms (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  terms_version BIGINT NOT NULL,
  content TEXT NOT NULL,
  published_at TEXT NOT NULL,
  UNIQUE (inspection_id, terms_version)
);

-- Stage 2: the fieldwork sites chosen (bodies from the directory, with when
-- fieldwork there starts and why they were chosen), the commissioning
-- letter to each, and each sending of a letter (R14).
CREATE TABLE inspection_sites (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  body_id BIGINT NOT NULL REFERENCES bodies (id),
  fieldwork_starts_on TEXT NOT NULL,
  fieldwork_ends_on TEXT NOT NULL DEFAULT '',
  why TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  UNIQUE (inspection_id, body_id)
);

CREATE TABLE commissioning_letters (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  site_id BIGINT NOT NULL REFERENCES inspection_sites (id),
  commissioned_by BIGINT NOT NULL REFERENCES inspectorates (id),
  addressee TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  signed_by TEXT NOT NULL,
  body TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX commissioning_letters_by_inspection ON commissioning_letters (inspection_id, id);

CREATE TABLE letter_sendings (
  id {{ID}},
  letter_id BIGINT NOT NULL REFERENCES commissioning_letters (id),
  letter_version BIGINT NOT NULL,
  sent_to TEXT NOT NULL,
  sent_on TEXT NOT NULL,
  sent_by BIGINT NOT NULL,
  sent_at TEXT NOT NULL
);
CREATE INDEX letter_sendings_by_letter ON letter_sendings (letter_id, id);
