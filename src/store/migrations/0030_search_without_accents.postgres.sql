-- jointly_words: the 'simple' configuration, each word unaccented first
-- (the unaccent extension ships with PostgreSQL). The released items'
-- words are computed again with it; queries and snippets use it too
-- (store/released_store.cc).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION jointly_words (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION jointly_words
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword,
                    numhword
  WITH unaccent, simple;
DROP INDEX released_items_by_words;
ALTER TABLE released_items DROP COLUMN search_words;
ALTER TABLE released_items ADD COLUMN search_words tsvector GENERATED ALWAYS AS (
  to_tsvector('jointly_words', regexp_replace(title || ' ' || summary || ' ' || search_text,
                                              '[!-/:-@[-`{-~]+', ' ', 'g'))
) STORED;
CREATE INDEX released_items_by_words ON released_items USING GIN (search_words);
