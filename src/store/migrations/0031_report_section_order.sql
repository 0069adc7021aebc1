-- The report structure's sections are numbered 1..n, with no gap and no two
-- at one position: sections recorded before that held are renumbered in the
-- order the report showed them (by position, then as added).

UPDATE inspection_report_sections
SET position = (
  SELECT COUNT(*) FROM inspection_report_sections o
  WHERE o.inspection_id = inspection_report_sections.inspection_id
    AND (o.position < inspection_report_sections.position
         OR (o.position = inspection_report_sections.position
             AND o.id <= inspection_report_sections.id))
);
