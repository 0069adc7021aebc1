#include "domain/csv.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "core/text.h"

namespace jointly {

StatusOr<std::vector<CsvRecord>> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRecord> records;
  CsvRecord current;
  std::string field;
  int line = 1;
  current.line = 1;
  bool in_quotes = false;
  bool field_was_quoted = false;
  bool at_field_start = true;
  const size_t n = text.size();

  auto end_field = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    field_was_quoted = false;
    at_field_start = true;
  };
  auto end_record = [&] {
    end_field();
    // A blank line is not a record.
    if (!(current.fields.size() == 1 && current.fields[0].empty())) {
      records.push_back(std::move(current));
    }
    current = CsvRecord{};
    current.line = line;
  };

  for (size_t i = 0; i < n; ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < n && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      if (!at_field_start) {
        return InvalidArgument("Line " + std::to_string(line) +
                                   " has a quote inside an unquoted value; put the whole "
                                   "value in double quotes and double any quotes inside it",
                               "csv-format");
      }
      in_quotes = true;
      field_was_quoted = true;
      at_field_start = false;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
      continue;  // the '\n' ends the record
    } else if (c == '\n') {
      ++line;
      end_record();
    } else {
      if (field_was_quoted) {
        return InvalidArgument("Line " + std::to_string(line) + " has text after a closing quote",
                               "csv-format");
      }
      field.push_back(c);
      at_field_start = false;
    }
  }
  if (in_quotes) {
    return InvalidArgument(
        "Line " + std::to_string(current.line) + " opens a quote that is never closed",
        "csv-format");
  }
  if (!at_field_start || !current.fields.empty()) end_record();
  return records;
}

namespace {

// A first character that makes a spreadsheet read the cell as a formula
// (tab and carriage return too: some readers drop them and read on).
bool StartsFormula(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

}  // namespace

std::string CsvField(std::string_view value) {
  std::string v(value);
  if (!v.empty() && StartsFormula(v[0])) v.insert(0, 1, '\'');
  // A leading byte order mark is quoted, or a reader would take it for the
  // file's own and drop it.
  const bool leading_bom = v.rfind("\xEF\xBB\xBF", 0) == 0;
  if (!leading_bom && v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    out += CsvField(fields[i]);
  }
  out += "\r\n";
  return out;
}

namespace {

// "value" in double quotes, for messages.
std::string Quoted(const std::string& value) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('"');
  out += value;
  out.push_back('"');
  return out;
}

// Undoes CsvField's formula guard.
std::string Unguard(std::string_view v) {
  if (v.size() >= 2 && v[0] == '\'' && StartsFormula(v[1])) {
    v.remove_prefix(1);
  }
  return std::string(v);
}

}  // namespace

std::string CsvTable::Get(const CsvRecord& row, std::string_view column) const {
  for (const auto& [name, i] : columns) {
    if (name == column && i < row.fields.size()) return Unguard(Trim(row.fields[i]));
  }
  return "";
}

StatusOr<CsvTable> ParseCsvTable(std::string_view text, const std::vector<std::string_view>& known,
                                 const std::vector<std::string_view>& required,
                                 std::string_view what) {
  if (!IsValidUtf8(text)) {
    return InvalidArgument("The file is not UTF-8 text; save it from Excel as \"CSV UTF-8\"",
                           "utf8");
  }
  ASSIGN_OR_RETURN(std::vector<CsvRecord> records, ParseCsv(text));
  if (records.empty()) return InvalidArgument("The file is empty", "csv-empty");
  std::string all;
  for (size_t i = 0; i < known.size(); ++i) {
    all += std::string(i == 0                  ? ""
                       : i + 1 == known.size() ? " and "
                                               : ", ") +
           std::string(known[i]);
  }
  // Every problem of the header at once, each at its column.
  CsvTable table;
  table.width = records[0].fields.size();
  Validation v;
  for (size_t i = 0; i < records[0].fields.size(); ++i) {
    const std::string name = AsciiLower(Trim(records[0].fields[i]));
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      v.Add("line 1: " + (name.empty() ? "column " + std::to_string(i + 1) : name), "csv-header",
            "Line 1 has an unknown column \"" + name + "\"; the columns are " + all);
    }
    table.columns.emplace_back(name, i);
  }
  for (auto r : required) {
    if (std::none_of(table.columns.begin(), table.columns.end(),
                     [&](const auto& c) { return c.first == r; })) {
      v.Add("line 1: " + std::string(r), "csv-header",
            "Line 1 must have a \"" + std::string(r) + "\" column");
    }
  }
  RETURN_IF_ERROR(v.Finish("Line 1 of the file does not have the columns expected"));
  if (records.size() == 1) {
    return InvalidArgument("The file has no " + std::string(what) + " in it", "csv-empty");
  }
  table.rows.assign(records.begin() + 1, records.end());
  return table;
}

StatusOr<std::vector<InspectedBody>> ParseBodiesCsv(std::string_view text) {
  if (!IsValidUtf8(text)) {
    return InvalidArgument("The file is not UTF-8 text; save it from Excel as \"CSV UTF-8\"",
                           "utf8");
  }
  ASSIGN_OR_RETURN(std::vector<CsvRecord> records, ParseCsv(text));
  if (records.empty()) return InvalidArgument("The file is empty", "csv-empty");

  std::map<std::string, size_t> column;
  for (size_t i = 0; i < records[0].fields.size(); ++i) {
    const std::string name = AsciiLower(Trim(records[0].fields[i]));
    bool known = false;
    for (auto c : kBodyCsvColumns) known = known || c == name;
    if (!known) {
      return InvalidArgument("Line 1 has an unknown column \"" + name + "\"; the columns are " +
                                 "code, name, type, region, nation, in_london and active",
                             "csv-header");
    }
    column[name] = i;
  }
  for (auto required : {"code", "name", "type", "nation"}) {
    if (!column.count(required)) {
      return InvalidArgument(std::string("Line 1 must have a \"") + required + "\" column",
                             "csv-header");
    }
  }
  if (records.size() == 1) return InvalidArgument("The file has no bodies in it", "csv-empty");

  Validation v;
  std::vector<InspectedBody> bodies;
  std::set<std::string> seen;
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    const std::string where = "line " + std::to_string(rec.line) + ": ";
    if (rec.fields.size() != records[0].fields.size()) {
      v.Add(where + "columns", "csv-columns",
            "Line " + std::to_string(rec.line) + " has " + std::to_string(rec.fields.size()) +
                " values but the header has " + std::to_string(records[0].fields.size()));
      continue;
    }
    auto get = [&](std::string_view name) -> std::string {
      auto it = column.find(std::string(name));
      return it == column.end() ? std::string() : Unguard(Trim(rec.fields[it->second]));
    };
    InspectedBody b;
    b.code = get("code");
    b.name = get("name");
    b.region = get("region");
    bool line_ok = true;
    if (auto t = ParseBodyType(get("type"))) {
      b.type = *t;
    } else {
      v.Add(where + "type", "one-of",
            Quoted(get("type")) + " is not a body type, such as police_force or prison");
      line_ok = false;
    }
    if (auto nation = ParseNation(get("nation"))) {
      b.nation = *nation;
    } else {
      v.Add(where + "nation", "one-of", "Nation must be england, wales or england_and_wales");
      line_ok = false;
    }
    for (auto [name, target] : {std::pair{"in_london", &b.in_london}, {"active", &b.active}}) {
      const std::string raw = get(name);
      if (raw.empty()) continue;  // defaults: not in London, active
      if (auto yn = ParseYesNo(raw)) {
        *target = *yn;
      } else {
        v.Add(where + name, "yes-no", std::string(name) + " must be yes or no");
        line_ok = false;
      }
    }
    if (Status s = ValidateBody(b, where); !s.ok()) {
      for (const auto& e : s.field_errors()) v.Add(e.field, e.rule, e.message);
      line_ok = false;
    }
    if (!b.code.empty() && !seen.insert(b.code).second) {
      v.Add(where + "code", "unique-code",
            "Code " + b.code + " appears more than once in the file");
      line_ok = false;
    }
    if (line_ok) bodies.push_back(std::move(b));
  }
  RETURN_IF_ERROR(v.Finish("The file has errors; nothing was imported"));
  return bodies;
}

StatusOr<std::vector<Inspectorate>> ParseInspectoratesCsv(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<CsvRecord> records, ParseCsv(text));
  std::vector<Inspectorate> out;
  for (size_t r = 1; r < records.size(); ++r) {
    const auto& f = records[r].fields;
    const std::string line = "Line " + std::to_string(records[r].line);
    if (f.size() != 8 && f.size() != 14 && f.size() != 15) {
      return InvalidArgument(line +
                                 " needs 8 values, or 14 with who leads it and its contacts, or 15 "
                                 "with its sponsoring department",
                             "csv-columns");
    }
    Inspectorate i;
    i.code = f[0];
    i.short_name = f[1];
    i.full_name = f[2];
    auto kind = ParseInspectorateKind(f[3]);
    auto findings = ParseFindingsStyle(f[5]);
    auto embargo = ParseYesNo(f[6]);
    int year = 0;
    const bool year_ok =
        f[4].empty() || std::from_chars(f[4].data(), f[4].data() + f[4].size(), year).ptr ==
                            f[4].data() + f[4].size();
    if (!kind || !findings || !embargo || !year_ok) {
      return InvalidArgument(line + " has an unknown kind, closed year, findings or yes/no",
                             "csv-value");
    }
    i.kind = *kind;
    if (!f[4].empty()) i.closed_year = year;
    i.findings = *findings;
    i.sends_embargoed_copies = *embargo;
    i.senior_oversight_title = f[7];
    if (f.size() >= 14) {
      i.head_name = f[8];
      i.head_title = f[9];
      i.address = f[10];
      i.website = f[11];
      i.email = f[12];
      i.queries_name = f[13];
    }
    if (f.size() == 15) i.sponsoring_department = f[14];
    RETURN_IF_ERROR(ValidateInspectorate(i));
    out.push_back(std::move(i));
  }
  return out;
}

std::string RowsToCsv(const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& row : rows) out += CsvLine(row);
  return out;
}

std::string BodiesToCsv(const std::vector<InspectedBody>& bodies) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(bodies.size() + 1);
  rows.emplace_back(std::begin(kBodyCsvColumns), std::end(kBodyCsvColumns));
  for (const auto& b : bodies) {
    rows.push_back({b.code, b.name, std::string(BodyTypeId(b.type)), b.region,
                    std::string(NationId(b.nation)), b.in_london ? "yes" : "no",
                    b.active ? "yes" : "no"});
  }
  return RowsToCsv(rows);
}

StatusOr<std::vector<BankHoliday>> ParseBankHolidaysCsv(std::string_view text) {
  if (!IsValidUtf8(text)) {
    return InvalidArgument("The file is not UTF-8 text; save it from Excel as \"CSV UTF-8\"",
                           "utf8");
  }
  ASSIGN_OR_RETURN(std::vector<CsvRecord> records, ParseCsv(text));
  if (records.empty()) return InvalidArgument("The file is empty", "csv-empty");
  const auto& header = records[0].fields;
  if (header.size() != 2 || AsciiLower(Trim(header[0])) != "date" ||
      AsciiLower(Trim(header[1])) != "name") {
    return InvalidArgument("Line 1 must be the header \"date,name\"", "csv-header");
  }
  if (records.size() == 1) return InvalidArgument("The file has no holidays in it", "csv-empty");

  Validation v;
  std::vector<BankHoliday> holidays;
  std::map<Date, int> line_of;
  std::map<int, std::pair<int, int>> per_year;  // year -> (holidays, first line)
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    const std::string line = std::to_string(rec.line);
    if (rec.fields.size() != 2) {
      v.Add("line " + line + ": columns", "csv-columns",
            "Line " + line + " has " + std::to_string(rec.fields.size()) +
                " values; each line is a date and a name");
      continue;
    }
    const std::string date_text(Trim(rec.fields[0]));
    const std::string name = Unguard(Trim(rec.fields[1]));
    const auto date = Date::Parse(date_text);
    if (!date) {
      v.Add("line " + line + ": date", "date",
            "Line " + line + ": " + Quoted(date_text) + " is not a real date as YYYY-MM-DD");
    } else if (auto seen = line_of.find(*date); seen != line_of.end()) {
      v.Add("line " + line + ": date", "duplicate",
            "Line " + line + ": " + date_text + " is already on line " +
                std::to_string(seen->second));
    }
    if (name.empty() || Utf8Length(name) > 100 || HasControlCharacters(name)) {
      v.Add("line " + line + ": name", "text",
            "Line " + line + ": give the holiday's name, up to 100 characters");
    }
    if (!date) continue;
    line_of.emplace(*date, rec.line);
    ++per_year.try_emplace(date->year(), 0, rec.line).first->second.first;
    holidays.push_back({*date, name});
  }
  for (const auto& [year, entry] : per_year) {
    const auto& [count, first] = entry;
    if (count < kMinBankHolidaysPerYear) {
      v.Add("line " + std::to_string(first) + ": date", "year-incomplete",
            "The file has " + std::to_string(count) + " bank holidays in " + std::to_string(year) +
                "; give all of them (England and Wales has at least " +
                std::to_string(kMinBankHolidaysPerYear) +
                " a year), because the file replaces the whole year");
    }
  }
  RETURN_IF_ERROR(v.Finish("The bank holidays file has problems; nothing was loaded"));
  std::sort(holidays.begin(), holidays.end(),
            [](const BankHoliday& a, const BankHoliday& b) { return a.date < b.date; });
  return holidays;
}

StatusOr<std::vector<PeakLeavePeriod>> ParsePeakLeaveCsv(std::string_view text) {
  if (!IsValidUtf8(text)) {
    return InvalidArgument("The file is not UTF-8 text; save it from Excel as \"CSV UTF-8\"",
                           "utf8");
  }
  ASSIGN_OR_RETURN(std::vector<CsvRecord> records, ParseCsv(text));
  if (records.empty()) return InvalidArgument("The file is empty", "csv-empty");
  const auto& header = records[0].fields;
  if (header.size() != 3 || AsciiLower(Trim(header[0])) != "name" ||
      AsciiLower(Trim(header[1])) != "first_day" || AsciiLower(Trim(header[2])) != "last_day") {
    return InvalidArgument("Line 1 must be the header \"name,first_day,last_day\"", "csv-header");
  }
  if (records.size() == 1) return InvalidArgument("The file has no periods in it", "csv-empty");

  Validation v;
  std::vector<PeakLeavePeriod> periods;
  std::map<std::pair<int, std::string>, int> line_of;  // (year, name) -> line
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    const std::string line = std::to_string(rec.line);
    if (rec.fields.size() != 3) {
      v.Add("line " + line + ": columns", "csv-columns",
            "Line " + line + " has " + std::to_string(rec.fields.size()) +
                " values; each line is a name, a first day and a last day");
      continue;
    }
    const std::string name = Unguard(Trim(rec.fields[0]));
    const std::string first_text(Trim(rec.fields[1]));
    const std::string last_text(Trim(rec.fields[2]));
    if (name.empty() || Utf8Length(name) > 100 || HasControlCharacters(name) ||
        name.find_first_of("\r\n") != std::string::npos) {
      v.Add("line " + line + ": name", "text",
            "Line " + line + ": give the period's name on one line, up to 100 characters");
    }
    const auto first = Date::Parse(first_text);
    const auto last = Date::Parse(last_text);
    if (!first) {
      v.Add("line " + line + ": first_day", "date",
            "Line " + line + ": " + Quoted(first_text) + " is not a real date as YYYY-MM-DD");
    }
    if (!last) {
      v.Add("line " + line + ": last_day", "date",
            "Line " + line + ": " + Quoted(last_text) + " is not a real date as YYYY-MM-DD");
    }
    if (!first || !last) continue;
    if (*last < *first || last->DaysSince(*first) >= kMaxPeakLeaveDays) {
      v.Add("line " + line + ": last_day", "date-order",
            "Line " + line + ": the last day must be on or after the first day, and within " +
                std::to_string(kMaxPeakLeaveDays) + " days of it");
      continue;
    }
    if (auto [seen, added] = line_of.try_emplace({first->year(), name}, rec.line); !added) {
      v.Add("line " + line + ": name", "duplicate",
            "Line " + line + ": " + Quoted(name) + " starts in " + std::to_string(first->year()) +
                " already on line " + std::to_string(seen->second));
      continue;
    }
    periods.push_back({name, *first, *last});
  }
  RETURN_IF_ERROR(v.Finish("The peak leave periods file has problems; nothing was loaded"));
  return ReplacePeakLeaveYears({}, periods);
}

std::string PeakLeaveToCsv(const std::vector<PeakLeavePeriod>& periods) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(periods.size() + 1);
  rows.push_back({"name", "first_day", "last_day"});
  for (const auto& p : periods) rows.push_back({p.name, p.first_day.ToIso(), p.last_day.ToIso()});
  return RowsToCsv(rows);
}

}  // namespace jointly
