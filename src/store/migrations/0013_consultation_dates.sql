-- R9: a dispatch copies the final programme to a consultee; it names the
-- published plan it sent. Entries made before this was recorded have none.
ALTER TABLE dispatches ADD COLUMN plan_id BIGINT REFERENCES plans (id);

-- "You said, we did" shows the day it was published (none for summaries
-- published before it was kept).
ALTER TABLE consultation_rounds ADD COLUMN summary_published_on TEXT;
