-- The long-list filtered by status and type together (the programme's
-- usual view: joint thematic proposals still on the long-list) is counted
-- and paged on one index, without reading each proposal of the status.
CREATE INDEX proposals_by_status_type ON proposals (status, type, id);
