-- Bank holidays of England and Wales loaded after a release (`jointly
-- holidays import`): newly announced years, or corrections. The years in
-- this table replace the same years of the shipped file
-- (data/bank_holidays_england_wales.csv) when working days are counted.

CREATE TABLE bank_holidays (
  holiday_on TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  imported_by BIGINT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX bank_holidays_by_year ON bank_holidays (year, holiday_on);
