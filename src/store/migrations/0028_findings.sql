-- Stage 5 of a joint inspection (M 29-32, R17): the emerging-findings
-- meeting, one per inspection, made when it is first recorded; each
-- participating inspectorate present at it; and the report structure it
-- agreed, in sections, each contributed by one inspectorate or by all of
-- them jointly.

CREATE TABLE inspection_findings_meetings (
  id {{ID}},
  inspection_id BIGINT NOT NULL UNIQUE REFERENCES inspections (id),
  held_on TEXT NOT NULL DEFAULT '',
  dg_involvement TEXT NOT NULL DEFAULT '',
  sharing TEXT NOT NULL DEFAULT 'undecided' CHECK (sharing IN ('undecided', 'nothing', 'shared')),
  shared TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE inspection_meeting_attendance (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  attendees TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  UNIQUE (inspection_id, inspectorate_id)
);

CREATE TABLE inspection_report_sections (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  position BIGINT NOT NULL,
  title TEXT NOT NULL,
  contributor_id BIGINT REFERENCES inspectorates (id),
  covers TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_report_sections_by_inspection ON inspection_report_sections (inspection_id, position);
