-- What several server processes on one database must share.
--
-- Failures counted by the throttles (sign-in per address and account, per
-- address, wrong current passwords, the public form's responses): each
-- throttle is a scope, each key is kept only as its SHA-256 (it may hold
-- an e-mail address), and rows older than the throttle's window are
-- deleted as new ones are added.
CREATE TABLE throttle_failures (
  scope TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX throttle_failures_by_key ON throttle_failures (scope, key_hash, at);
CREATE INDEX throttle_failures_by_time ON throttle_failures (scope, at);

-- An optimiser run being carried out is held by one server until this
-- time (microseconds since the epoch); a running run past it was left by
-- a server that stopped.
ALTER TABLE optimiser_runs ADD COLUMN held_until BIGINT;
CREATE INDEX optimiser_runs_by_state ON optimiser_runs (state, id);
