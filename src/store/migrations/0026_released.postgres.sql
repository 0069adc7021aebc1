-- Searching what was released: a text search vector of the title, summary
-- and text with a GIN index; ASCII punctuation only separates words, as in
-- the search text (store/text_search.h).
ALTER TABLE released_items ADD COLUMN search_words tsvector GENERATED ALWAYS AS (
  to_tsvector('simple', regexp_replace(title || ' ' || summary || ' ' || search_text,
                                       '[!-/:-@[-`{-~]+', ' ', 'g'))
) STORED;
CREATE INDEX released_items_by_words ON released_items USING GIN (search_words);
