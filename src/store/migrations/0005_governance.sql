-- "You said, we did" for consultation responses, and governance (R10, R20):
-- members of CJCIG, the Development Group and the Joint Secretariat,
-- meetings with agenda, papers, decisions and actions, Development Group
-- referrals to CJCIG, and external reference groups for a work stream.

ALTER TABLE consultation_responses ADD COLUMN our_response TEXT NOT NULL DEFAULT '';
ALTER TABLE consultation_rounds ADD COLUMN summary_published INTEGER NOT NULL DEFAULT 0;

CREATE TABLE governance_members (
  id {{ID}},
  body TEXT NOT NULL CHECK (body IN ('cjcig', 'development_group', 'secretariat')),
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  name TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE meetings (
  id {{ID}},
  body TEXT NOT NULL CHECK (body IN ('cjcig', 'development_group', 'secretariat')),
  held_on TEXT NOT NULL,
  title TEXT NOT NULL,
  agenda TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX meetings_by_date ON meetings (held_on, id);

CREATE TABLE meeting_decisions (
  id {{ID}},
  meeting_id BIGINT NOT NULL REFERENCES meetings (id),
  text TEXT NOT NULL,
  proposal_id BIGINT REFERENCES proposals (id),
  joint_decision_id BIGINT REFERENCES joint_decisions (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX meeting_decisions_by_meeting ON meeting_decisions (meeting_id, id);

CREATE TABLE meeting_actions (
  id {{ID}},
  meeting_id BIGINT NOT NULL REFERENCES meetings (id),
  text TEXT NOT NULL,
  owner TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done')),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX meeting_actions_by_due ON meeting_actions (status, due_on);

CREATE TABLE referrals (
  id {{ID}},
  meeting_id BIGINT NOT NULL REFERENCES meetings (id),
  subject TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('open', 'decided')),
  decided_at_meeting_id BIGINT REFERENCES meetings (id),
  decision TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE reference_groups (
  id {{ID}},
  proposal_id BIGINT NOT NULL REFERENCES proposals (id),
  name TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE reference_group_members (
  id {{ID}},
  group_id BIGINT NOT NULL REFERENCES reference_groups (id),
  name TEXT NOT NULL,
  organisation TEXT NOT NULL
);

CREATE TABLE reference_group_advice (
  id {{ID}},
  group_id BIGINT NOT NULL REFERENCES reference_groups (id),
  met_on TEXT NOT NULL,
  advice TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
