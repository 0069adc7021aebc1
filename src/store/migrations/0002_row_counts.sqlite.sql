CREATE TRIGGER bodies_count_insert AFTER INSERT ON bodies
BEGIN UPDATE row_counts SET n = n + 1 WHERE name = 'bodies'; END;
CREATE TRIGGER bodies_count_delete AFTER DELETE ON bodies
BEGIN UPDATE row_counts SET n = n - 1 WHERE name = 'bodies'; END;
