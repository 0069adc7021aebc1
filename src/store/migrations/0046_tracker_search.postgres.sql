-- Finding a recommendation made before (a repeat): a text search vector of
-- each tracked recommendation's words with a GIN index, in the public
-- website's configuration (migration 30); ASCII punctuation only separates
-- words, as in the words searched for (store/text_search.h).
ALTER TABLE tracked_recommendations ADD COLUMN search_words tsvector GENERATED ALWAYS AS (
  to_tsvector('jointly_words', regexp_replace(text, '[!-/:-@[-`{-~]+', ' ', 'g'))
) STORED;
CREATE INDEX tracked_recommendations_by_words ON tracked_recommendations USING GIN (search_words);
