-- Peak leave periods of those inspected (summer, Christmas, Easter) loaded
-- after a release (`jointly peak-leave import`): new years, or changed
-- dates. The years in this table replace the same years of the shipped
-- file (data/peak_leave_periods.csv); a period's year is its first day's.

CREATE TABLE peak_leave_periods (
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  first_on TEXT NOT NULL,
  last_on TEXT NOT NULL,
  imported_by BIGINT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (year, name)
);
