-- Holds its number in the sequence of migrations; changes nothing.
SELECT 1;
