-- Consultation responses the secretariat sets aside (spam, a duplicate,
-- withdrawn by its author) stay in the register with a note saying why,
-- versioned like other records that people change.
ALTER TABLE consultation_responses ADD COLUMN status TEXT NOT NULL DEFAULT 'counted'
  CHECK (status IN ('counted', 'spam', 'duplicate', 'withdrawn'));
ALTER TABLE consultation_responses ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE consultation_responses ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
