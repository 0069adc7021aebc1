-- Searching bodies by words of their code and name: an FTS5 index kept by
-- triggers (every word a prefix; accents kept, as PostgreSQL keeps them).
CREATE VIRTUAL TABLE bodies_search USING fts5(
  code, name, content = 'bodies', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');
INSERT INTO bodies_search (bodies_search) VALUES ('rebuild');
CREATE TRIGGER bodies_search_insert AFTER INSERT ON bodies BEGIN
  INSERT INTO bodies_search (rowid, code, name) VALUES (new.id, new.code, new.name);
END;
CREATE TRIGGER bodies_search_delete AFTER DELETE ON bodies BEGIN
  INSERT INTO bodies_search (bodies_search, rowid, code, name)
  VALUES ('delete', old.id, old.code, old.name);
END;
CREATE TRIGGER bodies_search_update AFTER UPDATE OF code, name ON bodies BEGIN
  INSERT INTO bodies_search (bodies_search, rowid, code, name)
  VALUES ('delete', old.id, old.code, old.name);
  INSERT INTO bodies_search (rowid, code, name) VALUES (new.id, new.code, new.name);
END;
