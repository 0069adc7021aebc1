-- Choosing fieldwork sites from data (M 12-14): each inspected body's
-- indicators and the single-inspectorate inspections it has had, both
-- imported from CSV. The sites of Jointly's own inspections count to the
-- inspection burden from inspection_sites.

CREATE TABLE body_indicators (
  body_id BIGINT PRIMARY KEY REFERENCES bodies (id),
  performance TEXT NOT NULL,
  performance_measure TEXT NOT NULL DEFAULT '',
  size BIGINT NOT NULL DEFAULT 0,
  size_measure TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);

CREATE TABLE past_inspections (
  id {{ID}},
  body_id BIGINT NOT NULL REFERENCES bodies (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  inspected_on TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (body_id, inspectorate_id, inspected_on, title)
);

-- The set of an inspection's sites is a joint decision (R11): its version
-- moves with every site added or removed, lapsing an agreement.
ALTER TABLE inspections ADD COLUMN sites_version BIGINT NOT NULL DEFAULT 1;
