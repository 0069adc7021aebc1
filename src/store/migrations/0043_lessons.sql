-- Stage 5's evaluation of how a joint inspection worked (M 29, M 32; R17):
-- each evaluation one person gave under one heading, in the capacity they
-- gave it (the team or the Development Group); and the lessons the lead
-- recorded from it, which make the lessons-learned register read when the
-- next inspection is scoped (principle 10).

CREATE TABLE inspection_evaluations (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  evaluator_id BIGINT NOT NULL REFERENCES users (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  capacity TEXT NOT NULL CHECK (capacity IN ('team', 'development_group')),
  theme TEXT NOT NULL,
  worked TEXT NOT NULL DEFAULT '',
  not_worked TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  UNIQUE (inspection_id, evaluator_id, theme)
);

CREATE TABLE inspection_lessons (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  theme TEXT NOT NULL,
  stage TEXT NOT NULL,
  learned TEXT NOT NULL,
  differently TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_lessons_by_inspection ON inspection_lessons (inspection_id);
CREATE INDEX inspection_lessons_by_theme ON inspection_lessons (theme, stage, id);
