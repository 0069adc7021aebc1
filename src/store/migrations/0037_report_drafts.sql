-- Stage 6 of a joint inspection (M 33-40, R18): the report drafted in the
-- sections of its agreed structure. Every save of a section is kept as a
-- new version of it, numbered from 1; comments and suggested edits on a
-- section, each open until its author resolves, accepts or declines it.

CREATE TABLE inspection_section_drafts (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  section_id BIGINT NOT NULL REFERENCES inspection_report_sections (id),
  number BIGINT NOT NULL,
  text TEXT NOT NULL,
  written_by BIGINT NOT NULL REFERENCES users (id),
  written_at TEXT NOT NULL,
  UNIQUE (section_id, number)
);
CREATE INDEX inspection_section_drafts_by_inspection ON inspection_section_drafts (inspection_id, section_id);

CREATE TABLE inspection_section_comments (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  section_id BIGINT NOT NULL REFERENCES inspection_report_sections (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  on_number BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('comment', 'suggestion')),
  text TEXT NOT NULL DEFAULT '',
  replace_text TEXT NOT NULL DEFAULT '',
  with_text TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'accepted', 'declined')),
  reason TEXT NOT NULL DEFAULT '',
  made_by BIGINT NOT NULL REFERENCES users (id),
  made_at TEXT NOT NULL,
  closed_by BIGINT REFERENCES users (id),
  closed_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inspection_section_comments_by_inspection ON inspection_section_comments (inspection_id, section_id);
