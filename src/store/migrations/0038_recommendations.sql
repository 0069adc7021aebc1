-- Stage 6 of a joint inspection (M 33-40; R18, R19): the report's
-- findings, each resting on items of the evidence register; the
-- recommendations (or, from an inspection led by HMI Prisons, concerns)
-- that answer them, each owned by a body of the directory; and each
-- engagement with an owner on the proposed wording (M 36).

CREATE TABLE inspection_report_findings (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  statement TEXT NOT NULL,
  section_id BIGINT REFERENCES inspection_report_sections (id),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_report_findings_by_inspection ON inspection_report_findings (inspection_id);

CREATE TABLE inspection_finding_evidence (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  finding_id BIGINT NOT NULL REFERENCES inspection_report_findings (id),
  evidence_id BIGINT NOT NULL REFERENCES inspection_evidence (id),
  UNIQUE (finding_id, evidence_id)
);
CREATE INDEX inspection_finding_evidence_by_inspection ON inspection_finding_evidence (inspection_id);

CREATE TABLE inspection_recommendations (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  kind TEXT NOT NULL CHECK (kind IN ('recommendation', 'concern')),
  owner_id BIGINT NOT NULL REFERENCES bodies (id),
  action TEXT NOT NULL,
  measure TEXT NOT NULL,
  due_on TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_recommendations_by_inspection ON inspection_recommendations (inspection_id);

CREATE TABLE inspection_recommendation_findings (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  recommendation_id BIGINT NOT NULL REFERENCES inspection_recommendations (id),
  finding_id BIGINT NOT NULL REFERENCES inspection_report_findings (id),
  UNIQUE (recommendation_id, finding_id)
);
CREATE INDEX inspection_recommendation_findings_by_inspection
  ON inspection_recommendation_findings (inspection_id);

CREATE TABLE inspection_owner_engagements (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  recommendation_id BIGINT NOT NULL REFERENCES inspection_recommendations (id),
  engaged_on TEXT NOT NULL,
  who TEXT NOT NULL,
  how TEXT NOT NULL DEFAULT '',
  said TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_owner_engagements_by_recommendation
  ON inspection_owner_engagements (recommendation_id);
