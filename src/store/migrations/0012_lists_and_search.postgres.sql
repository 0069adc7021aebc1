-- Searching bodies by words of their code and name: a text search vector
-- kept by the database, with a GIN index (every word a prefix). ASCII
-- punctuation only separates words, as in the search text
-- (store/text_search.h): "GWENT-1" is the words gwent and 1, never -1.
ALTER TABLE bodies ADD COLUMN search_words tsvector GENERATED ALWAYS AS (
  to_tsvector('simple', regexp_replace(code || ' ' || name, '[!-/:-@[-`{-~]+', ' ', 'g'))
) STORED;
CREATE INDEX bodies_by_words ON bodies USING GIN (search_words);
