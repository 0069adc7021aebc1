-- The day a consultation round was closed by hand, before the end of its
-- last day for responses; a round that closed on its own has none.
ALTER TABLE consultation_rounds ADD COLUMN closed_on TEXT;
