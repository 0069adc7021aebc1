// Recommendations of reports by a single inspectorate, imported onto the
// tracker from a CSV file (M 46, R21): one line per recommendation or
// concern, read whole before anything is saved.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/tracker.h"

namespace jointly {

// The columns of a tracker import, in the order a template lists them.
// "findings" holds the findings a recommendation answers, one a line.
inline constexpr std::string_view kTrackerCsvColumns[] = {
    "inspectorate", "report", "published_on", "number", "kind",
    "owner",        "text",   "measure",      "target", "findings"};

// One line as written: the inspectorate and the owner by their codes in
// the directory; the rest in `item` (ids left 0); and what is wrong with
// its values as written, each error named "line N: column": a missing
// inspectorate or owner code, a number that is not a whole number from 1,
// a kind other than recommendation or concern (left empty when empty, for
// the caller to fill with what the inspectorate raises, R19),
// more values than the header has ("line N: columns", and nothing else
// read; fewer are read as empty). The rule "tracked" (CheckTracked) and the codes are the caller's
// to check, so that every error of a file is named at once.
struct TrackerCsvRow {
  int line = 0;
  std::string inspectorate;  // a code, "HMICFRS"
  std::string owner;         // a body's code
  TrackedRecommendation item;
  std::vector<FieldError> errors;
};

// Every line of a tracker import; InvalidArgument only for a file that is
// not UTF-8 CSV with the columns (rules "utf8", "csv-header", "csv-empty").
StatusOr<std::vector<TrackerCsvRow>> ParseTrackerCsv(std::string_view text);

// The CSV column a field of a tracked recommendation is read from:
// "report_title" is "report", "findings.2" is "findings".
std::string TrackerCsvColumnOf(const std::string& field);

}  // namespace jointly
