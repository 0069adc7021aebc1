-- The day a former member of CJCIG, the Development Group or the
-- secretariat left; empty for a current member (and for one recorded as
-- having left before the day was kept).

ALTER TABLE governance_members ADD COLUMN left_on TEXT NOT NULL DEFAULT '';
