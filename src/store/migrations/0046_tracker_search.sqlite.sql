-- Finding a recommendation made before (a repeat): an FTS5 index of each
-- tracked recommendation's words, kept by triggers, accents folded as in
-- the public website's search (migration 30).
CREATE VIRTUAL TABLE tracked_search USING fts5(
  text, content = 'tracked_recommendations', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER tracked_search_insert AFTER INSERT ON tracked_recommendations BEGIN
  INSERT INTO tracked_search (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER tracked_search_delete AFTER DELETE ON tracked_recommendations BEGIN
  INSERT INTO tracked_search (tracked_search, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER tracked_search_update AFTER UPDATE OF text ON tracked_recommendations BEGIN
  INSERT INTO tracked_search (tracked_search, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO tracked_search (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO tracked_search (tracked_search) VALUES ('rebuild');
