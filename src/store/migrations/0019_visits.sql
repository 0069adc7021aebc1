-- Fieldwork visits (M 18-20): each to one of an inspection's sites, on a
-- day within its fieldwork, onsite or remote, with what is done there; and
-- each visit's team, an inspector a row, with the inspector of another
-- inspectorate they work with as a joint pair.

CREATE TABLE inspection_visits (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  site_id BIGINT NOT NULL REFERENCES inspection_sites (id),
  visit_on TEXT NOT NULL,
  mode TEXT NOT NULL DEFAULT 'onsite' CHECK (mode IN ('onsite', 'remote')),
  activities TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_visits_by_inspection ON inspection_visits (inspection_id, visit_on);

CREATE TABLE inspection_visit_places (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  visit_id BIGINT NOT NULL REFERENCES inspection_visits (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  partner_id BIGINT REFERENCES users (id),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_visit_places_by_inspection ON inspection_visit_places (inspection_id, visit_id);
