-- The owners of recommendations answer through their own sign-in (M 46,
-- R21): a person of an owner body (a police force, a government
-- department...) is a user linked to that body, who sees only that body's
-- recommendations and nothing else of Jointly.
ALTER TABLE users ADD COLUMN owner_id BIGINT REFERENCES bodies (id);
CREATE INDEX users_by_owner ON users (owner_id);

-- Each reminder e-mailed to an owner before or after a response or update
-- was due, kept so that each is sent once however many servers run: one
-- row per occasion, and a second server's row for the same one is refused.
CREATE TABLE tracker_reminders (
  id {{ID}},
  tracked_id BIGINT NOT NULL REFERENCES tracked_recommendations (id),
  asked TEXT NOT NULL CHECK (asked IN ('response', 'update')),
  due_on TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('due-soon', 'overdue')),
  sent_on TEXT NOT NULL,
  sent_to TEXT NOT NULL,
  UNIQUE (tracked_id, asked, due_on, kind, sent_on)
);

-- The quarterly recommendations tracker (R21): every tracked item as it
-- stood at the quarter's end, frozen when the secretariat publishes it and
-- never changed afterwards; its digest is also in the audit trail.
CREATE TABLE quarterly_trackers (
  quarter TEXT PRIMARY KEY,
  ends_on TEXT NOT NULL,
  lines TEXT NOT NULL,
  digest TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by BIGINT NOT NULL
);
