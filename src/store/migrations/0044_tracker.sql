-- The recommendations tracker (M 46, R21): every recommendation or concern
-- of a published report, a joint one or one imported from a report of a
-- single inspectorate, with its owner's response, what the owner reports,
-- what the reporting inspectorate has verified, and its target date.
CREATE TABLE tracked_recommendations (
  id {{ID}},
  -- The joint report's recommendation it tracks; none when imported.
  recommendation_id BIGINT UNIQUE REFERENCES inspection_recommendations (id),
  -- Who reported it, and so verifies what its owner reports.
  inspectorate_id BIGINT NOT NULL REFERENCES inspectorates (id),
  report_title TEXT NOT NULL,
  published_on TEXT NOT NULL,
  number BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('recommendation', 'concern')),
  owner_id BIGINT NOT NULL REFERENCES bodies (id),
  text TEXT NOT NULL,
  first_target TEXT NOT NULL,
  target TEXT NOT NULL,
  answer TEXT NOT NULL DEFAULT 'none'
    CHECK (answer IN ('none', 'accepted', 'partly-accepted', 'not-accepted')),
  accepted_part TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  responded_on TEXT NOT NULL DEFAULT '',
  reported TEXT NOT NULL DEFAULT 'open',
  verified TEXT NOT NULL DEFAULT 'open',
  superseded_by BIGINT REFERENCES tracked_recommendations (id),
  last_update_on TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  UNIQUE (inspectorate_id, report_title, published_on, number)
);
CREATE INDEX tracked_recommendations_by_owner ON tracked_recommendations (owner_id, id);
CREATE INDEX tracked_recommendations_by_inspectorate
  ON tracked_recommendations (inspectorate_id, id);

-- The actions an owner plans, as its newest response lists them.
CREATE TABLE tracker_actions (
  id {{ID}},
  tracked_id BIGINT NOT NULL REFERENCES tracked_recommendations (id),
  position BIGINT NOT NULL,
  what TEXT NOT NULL,
  by_date TEXT NOT NULL
);
CREATE INDEX tracker_actions_by_tracked ON tracker_actions (tracked_id, position);

-- Everything that happened to a tracked recommendation, oldest first:
-- responses, progress updates, status changes and target dates moved. Never
-- changed or removed, so every earlier date and status stays visible.
CREATE TABLE tracker_events (
  id {{ID}},
  tracked_id BIGINT NOT NULL REFERENCES tracked_recommendations (id),
  kind TEXT NOT NULL CHECK (kind IN ('response', 'update', 'reported', 'verified', 'target')),
  from_value TEXT NOT NULL DEFAULT '',
  to_value TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  happened_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by BIGINT NOT NULL
);
CREATE INDEX tracker_events_by_tracked ON tracker_events (tracked_id, id);
