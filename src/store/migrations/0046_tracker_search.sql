-- The recommendations tracker keeps the whole of what the report asked:
-- how the recommendation's achievement will be measured, and the findings
-- it answers (a JSON array of their statements, in the report's order).
ALTER TABLE tracked_recommendations ADD COLUMN measure TEXT NOT NULL DEFAULT '';
ALTER TABLE tracked_recommendations ADD COLUMN findings TEXT NOT NULL DEFAULT '[]';
