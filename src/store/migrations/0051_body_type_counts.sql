-- The number of bodies of each type, kept by triggers as the number of all
-- bodies is (migration 0002): a list filtered by type alone then costs its
-- page, not a count of every body of the type. Named "bodies:type:<type>".
INSERT INTO row_counts (name, n)
SELECT 'bodies:type:' || type, count(*) FROM bodies GROUP BY type;
