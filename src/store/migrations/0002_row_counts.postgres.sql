CREATE FUNCTION bodies_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE row_counts SET n = n + 1 WHERE name = 'bodies';
  ELSE
    UPDATE row_counts SET n = n - 1 WHERE name = 'bodies';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER bodies_count AFTER INSERT OR DELETE ON bodies
FOR EACH ROW EXECUTE FUNCTION bodies_count();
