-- R21: the government department that sponsors an inspectorate and
-- receives its embargoed copies is a fact of the inspectorate, in the
-- reference data (data/inspectorates.csv), not of the code. A database
-- made before it has it filled from the reference data when the server
-- loads it, with an audit entry.
ALTER TABLE inspectorates ADD COLUMN sponsoring_department TEXT NOT NULL DEFAULT '';
