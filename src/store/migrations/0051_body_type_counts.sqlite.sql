CREATE TRIGGER bodies_type_count_insert AFTER INSERT ON bodies
BEGIN
  INSERT INTO row_counts (name, n) VALUES ('bodies:type:' || new.type, 1)
  ON CONFLICT (name) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER bodies_type_count_delete AFTER DELETE ON bodies
BEGIN
  UPDATE row_counts SET n = n - 1 WHERE name = 'bodies:type:' || old.type;
END;
CREATE TRIGGER bodies_type_count_update AFTER UPDATE OF type ON bodies
WHEN new.type <> old.type
BEGIN
  UPDATE row_counts SET n = n - 1 WHERE name = 'bodies:type:' || old.type;
  INSERT INTO row_counts (name, n) VALUES ('bodies:type:' || new.type, 1)
  ON CONFLICT (name) DO UPDATE SET n = n + 1;
END;
