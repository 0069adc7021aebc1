-- A member of CJCIG, the Development Group or the secretariat is changed
-- from a page of their own; each change carries the version it was made
-- from, so two people editing the same member at once are not lost.

ALTER TABLE governance_members ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
