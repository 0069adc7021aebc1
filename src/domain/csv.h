// CSV as people exchange it with Excel (RFC 4180: commas, double quotes,
// CRLF or LF; an optional UTF-8 byte order mark), and the bodies import,
// which validates a whole file before anything is saved.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/directory.h"
#include "domain/peak_leave.h"

namespace jointly {

struct CsvRecord {
  int line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

// InvalidArgument naming the line of an unterminated quote or a stray quote.
StatusOr<std::vector<CsvRecord>> ParseCsv(std::string_view text);

// A CSV file read by its header: the records after line 1, and where each
// named column is. `Get` is a field's text, trimmed, with the apostrophe
// CsvField() puts before a formula taken off ("" for a column not given).
struct CsvTable {
  std::vector<CsvRecord> rows;
  size_t width = 0;  // values in the header
  std::vector<std::pair<std::string, size_t>> columns;
  std::string Get(const CsvRecord& row, std::string_view column) const;
};
// InvalidArgument for a file that is not UTF-8, is empty, has a column not
// in `known`, lacks one of `required`, or has no lines after its header
// ("The file has no `what` in it").
StatusOr<CsvTable> ParseCsvTable(std::string_view text, const std::vector<std::string_view>& known,
                                 const std::vector<std::string_view>& required,
                                 std::string_view what);

// One field, quoted when needed. A value that Excel would run as a formula
// (starting with = + - @, tab or carriage return) is prefixed with an
// apostrophe.
std::string CsvField(std::string_view value);
// A whole file: a UTF-8 byte-order mark (so Excel reads UTF-8), then one
// CsvLine() per row.
std::string RowsToCsv(const std::vector<std::vector<std::string>>& rows);
// A record of CsvField()s joined by commas, ending in CRLF.
std::string CsvLine(const std::vector<std::string>& fields);

// The columns of the bodies CSV, in export order.
inline constexpr std::string_view kBodyCsvColumns[] = {"code",   "name",      "type",  "region",
                                                       "nation", "in_london", "active"};

// Parses and validates every line of a bodies CSV. On any problem returns
// InvalidArgument with one FieldError per bad line ("line 7: type") and
// nothing else; callers then save nothing (all or nothing).
StatusOr<std::vector<InspectedBody>> ParseBodiesCsv(std::string_view text);

// The inspectorates reference file (data/inspectorates.csv: code,
// short_name, full_name, kind, closed_year, findings,
// sends_embargoed_copies, senior_oversight_title, and optionally head_name,
// head_title, address, website, email, queries_name, and then optionally
// sponsoring_department (R21)), ids left 0.
// InvalidArgument naming the first bad line.
StatusOr<std::vector<Inspectorate>> ParseInspectoratesCsv(std::string_view text);

// A bank holidays CSV (data/bank_holidays_england_wales.csv, and what
// `jointly holidays import` reads): a header "date,name", then one line per
// holiday, "2020-05-08,Early May bank holiday (VE Day)". On any problem
// returns InvalidArgument with one FieldError per bad line ("line 7: date")
// and nothing else: a date that is not a real YYYY-MM-DD date, a missing or
// over-long name (100 characters), a date given twice, and a year with fewer
// than kMinBankHolidaysPerYear holidays (each year in a file replaces that
// whole year, so a year must be complete).
inline constexpr int kMinBankHolidaysPerYear = 8;
StatusOr<std::vector<BankHoliday>> ParseBankHolidaysCsv(std::string_view text);

// A peak leave periods CSV (data/peak_leave_periods.csv, and what `jointly
// peak-leave import` reads): a header "name,first_day,last_day", then one
// line per period, "Summer 2026,2026-07-20,2026-08-31". On any problem
// returns InvalidArgument with one FieldError per bad line ("line 7:
// last_day") and nothing else: a missing or over-long name (100
// characters), a day that is not a real YYYY-MM-DD date, a last day before
// the first or more than kMaxPeakLeaveDays after it, and a name given twice
// in one year (each year in a file replaces that whole year).
inline constexpr int kMaxPeakLeaveDays = 92;
StatusOr<std::vector<PeakLeavePeriod>> ParsePeakLeaveCsv(std::string_view text);
// The same shape, for editing and loading again; with a UTF-8 byte order
// mark, so Excel reads it.
std::string PeakLeaveToCsv(const std::vector<PeakLeavePeriod>& periods);

// The bodies as CSV with a header row and a UTF-8 byte order mark, so Excel
// opens it with the right encoding.
std::string BodiesToCsv(const std::vector<InspectedBody>& bodies);

}  // namespace jointly
