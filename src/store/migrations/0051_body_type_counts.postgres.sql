CREATE FUNCTION bodies_type_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE row_counts SET n = n - 1 WHERE name = 'bodies:type:' || OLD.type;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO row_counts (name, n) VALUES ('bodies:type:' || NEW.type, 1)
    ON CONFLICT (name) DO UPDATE SET n = row_counts.n + 1;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER bodies_type_count AFTER INSERT OR DELETE ON bodies
FOR EACH ROW EXECUTE FUNCTION bodies_type_count();
CREATE TRIGGER bodies_type_count_update AFTER UPDATE OF type ON bodies
FOR EACH ROW WHEN (NEW.type <> OLD.type) EXECUTE FUNCTION bodies_type_count();
