-- Searching what was released: an FTS5 index of the title, summary and
-- text, kept by triggers (every word a prefix; accents kept).
CREATE VIRTUAL TABLE released_search USING fts5(
  title, summary, search_text, content = 'released_items', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');
CREATE TRIGGER released_search_insert AFTER INSERT ON released_items BEGIN
  INSERT INTO released_search (rowid, title, summary, search_text)
  VALUES (new.id, new.title, new.summary, new.search_text);
END;
CREATE TRIGGER released_search_delete AFTER DELETE ON released_items BEGIN
  INSERT INTO released_search (released_search, rowid, title, summary, search_text)
  VALUES ('delete', old.id, old.title, old.summary, old.search_text);
END;
CREATE TRIGGER released_search_update AFTER UPDATE OF title, summary, search_text
ON released_items BEGIN
  INSERT INTO released_search (released_search, rowid, title, summary, search_text)
  VALUES ('delete', old.id, old.title, old.summary, old.search_text);
  INSERT INTO released_search (rowid, title, summary, search_text)
  VALUES (new.id, new.title, new.summary, new.search_text);
END;
