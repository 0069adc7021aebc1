-- The few released items withdrawn from the website, by id: search leaves
-- them out through this index instead of reading each item found (on
-- SQLite the withdrawal time is stored after the item's whole content).
CREATE INDEX released_items_withdrawn ON released_items (id) WHERE withdrawn_at IS NOT NULL;
