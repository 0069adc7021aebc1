-- An optimiser run goes on improving its plan after its first answer:
-- until this moment (microseconds since the epoch; NULL once it has
-- ended), until proven optimal, or until someone asks it to stop.
ALTER TABLE optimiser_runs ADD COLUMN improving_until BIGINT;
ALTER TABLE optimiser_runs ADD COLUMN stop_requested INTEGER NOT NULL DEFAULT 0;
