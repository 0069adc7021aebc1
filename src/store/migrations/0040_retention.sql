-- Stage 8 of a joint inspection (M 48, R22): retention and destruction of
-- the inspection's material under each inspectorate's own schedule.

-- The schedules agreed for the inspection in stage 1, and the publication
-- date the schedules that count from publication use.
CREATE TABLE retention_agreements (
  inspection_id BIGINT PRIMARY KEY REFERENCES inspections (id),
  agreed_on TEXT NOT NULL,
  agreed_by BIGINT NOT NULL REFERENCES users (id),
  published_on TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1
);

-- Legal holds placed by an inspectorate on an inspection's material: while
-- one is in force nothing of the inspection is destroyed; only the
-- inspectorate that placed it lifts it.
CREATE TABLE retention_holds (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  reason TEXT NOT NULL,
  placed_on TEXT NOT NULL,
  placed_by BIGINT NOT NULL REFERENCES users (id),
  lifted_on TEXT NOT NULL DEFAULT '',
  lifted_by BIGINT NOT NULL DEFAULT 0,
  lift_reason TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX retention_holds_by_inspection ON retention_holds (inspection_id, id);

-- What the owner said of an item: its kind of material, when a review kept
-- it until, and why.
CREATE TABLE retention_items (
  entity_type TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  kind TEXT NOT NULL DEFAULT '',
  extended_to TEXT NOT NULL DEFAULT '',
  extend_reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (entity_type, entity_id)
);

-- Each destruction, for the lists: the certificate itself is the audit
-- trail's entry (certificate_seq).
CREATE TABLE retention_destructions (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  entity_type TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  destroyed_at TEXT NOT NULL,
  approved_by BIGINT NOT NULL REFERENCES users (id),
  content_sha256 TEXT NOT NULL,
  certificate_seq BIGINT NOT NULL,
  UNIQUE (entity_type, entity_id)
);
CREATE INDEX retention_destructions_by_inspection ON retention_destructions (inspection_id, id);
