-- The released items' index again, removing diacritics; the triggers of
-- migration 26 keep it as before.
DROP TABLE released_search;
CREATE VIRTUAL TABLE released_search USING fts5(
  title, summary, search_text, content = 'released_items', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO released_search (released_search) VALUES ('rebuild');
