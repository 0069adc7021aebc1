-- Who leads each inspectorate or joint body and how to reach it, as the
-- business plan, the consultation document and the covering letter print
-- them; and where a contact is listed among those a letter is copied to.
ALTER TABLE inspectorates ADD COLUMN head_name TEXT NOT NULL DEFAULT '';
ALTER TABLE inspectorates ADD COLUMN head_title TEXT NOT NULL DEFAULT '';
ALTER TABLE inspectorates ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE inspectorates ADD COLUMN website TEXT NOT NULL DEFAULT '';
ALTER TABLE inspectorates ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE inspectorates ADD COLUMN queries_name TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN copy_group TEXT NOT NULL DEFAULT 'other';
