#include "domain/tracker_csv.h"

#include <iterator>

#include "core/text.h"
#include "domain/csv.h"

namespace jointly {

StatusOr<std::vector<TrackerCsvRow>> ParseTrackerCsv(std::string_view text) {
  ASSIGN_OR_RETURN(
      CsvTable t,
      ParseCsvTable(text, {std::begin(kTrackerCsvColumns), std::end(kTrackerCsvColumns)},
                    {"inspectorate", "report", "published_on", "number", "owner", "text", "target"},
                    "recommendations"));
  std::vector<TrackerCsvRow> out;
  for (const CsvRecord& row : t.rows) {
    const std::string where = "line " + std::to_string(row.line) + ": ";
    TrackerCsvRow r;
    r.line = row.line;
    auto add = [&](const std::string& column, std::string rule, std::string message) {
      r.errors.push_back({where + column, std::move(rule), std::move(message)});
    };
    // A line may stop short (the optional columns at the end left off, as
    // some programs write them): what it leaves off is read as empty, and a
    // required value missing is named at its column.
    if (row.fields.size() > t.width) {
      add("columns", "csv-columns",
          "Line " + std::to_string(row.line) + " has more values than the header has columns");
      out.push_back(std::move(r));
      continue;
    }
    r.inspectorate = t.Get(row, "inspectorate");
    if (r.inspectorate.empty()) {
      add("inspectorate", "required", "Give the code of the inspectorate that made it");
    }
    r.owner = t.Get(row, "owner");
    if (r.owner.empty()) add("owner", "required", "Give the code of its owner");
    TrackedRecommendation& item = r.item;
    item.report_title = t.Get(row, "report");
    item.published_on = t.Get(row, "published_on");
    const std::string number = t.Get(row, "number");
    item.number = 0;
    if (!number.empty() && number.size() <= 6 &&
        number.find_first_not_of("0123456789") == std::string::npos) {
      item.number = std::stoll(number);
    }
    if (item.number < 1) add("number", "range", "The number must be a whole number from 1");
    // Empty: what its inspectorate raises, for the caller to say (R19).
    const std::string kind = AsciiLower(t.Get(row, "kind"));
    if (kind.empty() || kind == "recommendation" || kind == "concern") {
      item.kind = kind;
    } else {
      add("kind", "one-of", "The kind must be recommendation or concern");
    }
    item.text = t.Get(row, "text");
    item.measure = t.Get(row, "measure");
    item.target = t.Get(row, "target");
    const std::string findings = t.Get(row, "findings");
    size_t start = 0;
    while (start <= findings.size()) {
      size_t end = findings.find('\n', start);
      if (end == std::string::npos) end = findings.size();
      const std::string_view one = Trim(std::string_view(findings).substr(start, end - start));
      if (!one.empty()) item.findings.emplace_back(one);
      start = end + 1;
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string TrackerCsvColumnOf(const std::string& field) {
  if (field == "report_title") return "report";
  if (field == "owner_id") return "owner";
  if (field.starts_with("findings")) return "findings";
  return field;
}

}  // namespace jointly
