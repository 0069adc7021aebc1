#include "domain/site_selection.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "core/text.h"
#include "domain/csv.h"

namespace jointly {

namespace {

struct Band {
  const char* word;
  PerformanceClass cls;
};
constexpr Band kBands[] = {
    {"outstanding", PerformanceClass::kWell},  {"good", PerformanceClass::kWell},
    {"adequate", PerformanceClass::kAdequate}, {"requires improvement", PerformanceClass::kPoorly},
    {"inadequate", PerformanceClass::kPoorly}, {"poor", PerformanceClass::kPoorly},
};

std::optional<double> Number(std::string_view s) {
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return d;
}

std::optional<int64_t> Whole(std::string_view s) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return n;
}

std::string Where(const CsvRecord& row) { return "line " + std::to_string(row.line) + ": "; }

std::string Line(const CsvRecord& row) { return "Line " + std::to_string(row.line); }

// Every line has as many values as the header, or an error is added.
bool WholeLine(const CsvTable& t, const CsvRecord& row, Validation& v) {
  if (row.fields.size() == t.width) return true;
  v.Add(Where(row) + "columns", "csv-columns",
        Line(row) + " has " + std::to_string(row.fields.size()) + " values but the header has " +
            std::to_string(t.width));
  return false;
}

// `id` is the code's, or an error is added.
void LookUp(const CodeLookup& lookup, const std::string& code, const std::string& field,
            const std::string& rule, const std::string& message, int64_t& id, Validation& v) {
  if (auto found = lookup(code)) {
    id = *found;
  } else {
    v.Add(field, rule, message + code);
  }
}

std::vector<std::string_view> Columns(const std::string_view* first, size_t n) {
  return {first, first + n};
}

}  // namespace

std::optional<PerformanceClass> PerformanceBand(std::string_view band) {
  const std::string lower = AsciiLower(Trim(band));
  for (const auto& b : kBands) {
    if (lower == b.word) return b.cls;
  }
  return std::nullopt;
}

StatusOr<std::vector<IndicatorLine>> ParseIndicatorsCsv(std::string_view text,
                                                        const CodeLookup& body_of) {
  ASSIGN_OR_RETURN(
      CsvTable t,
      ParseCsvTable(text, Columns(kIndicatorCsvColumns, std::size(kIndicatorCsvColumns)),
                    {"body_code", "performance"}, "bodies"));
  Validation v;
  std::vector<IndicatorLine> out;
  std::set<std::string> seen;
  for (const CsvRecord& row : t.rows) {
    if (!WholeLine(t, row, v)) continue;
    const std::string where = Where(row);
    IndicatorLine x;
    x.line = row.line;
    x.body_code = t.Get(row, "body_code");
    BodyIndicators& i = x.indicators;
    i.performance = t.Get(row, "performance");
    i.performance_measure = t.Get(row, "performance_measure");
    i.size_measure = t.Get(row, "size_measure");
    const std::string size = t.Get(row, "size");
    if (x.body_code.empty()) {
      v.Add(where + "body_code", "required", "Enter the body's code");
    } else if (!seen.insert(x.body_code).second) {
      v.Add(where + "body_code", "unique", x.body_code + " is given more than once");
    } else {
      LookUp(body_of, x.body_code, where + "body_code", "unknown-body",
             "No body in the directory has the code ", i.body_id, v);
    }
    if (i.performance.empty()) {
      v.Add(where + "performance", "required",
            "Enter the performance, as a band such as good or a number");
    } else if (Number(i.performance)) {
      if (i.performance_measure.empty()) {
        v.Add(where + "performance_measure", "required",
              "Name what the performance number measures");
      }
    } else if (!PerformanceBand(i.performance)) {
      v.Add(where + "performance", "one-of",
            "The performance must be outstanding, good, adequate, requires improvement, "
            "inadequate, poor or a number");
    }
    v.Line(where + "performance_measure", i.performance_measure, kMaxMeasureLength, false,
           "the performance measure");
    v.Line(where + "size_measure", i.size_measure, kMaxMeasureLength, false, "the size measure");
    if (!size.empty()) {
      auto n = Whole(size);
      if (!n || *n < 1) {
        v.Add(where + "size", "type", "The size must be a whole number");
      } else {
        i.size = *n;
        if (i.size_measure.empty()) {
          v.Add(where + "size_measure", "required", "Name what the size counts, such as staff");
        }
      }
    }
    out.push_back(std::move(x));
  }
  RETURN_IF_ERROR(v.Finish("Some lines of the file are not valid; nothing was imported"));
  return out;
}

StatusOr<std::vector<PastInspectionLine>> ParsePastInspectionsCsv(
    std::string_view text, const CodeLookup& body_of, const CodeLookup& inspectorate_of) {
  ASSIGN_OR_RETURN(
      CsvTable t,
      ParseCsvTable(text, Columns(kPastInspectionCsvColumns, std::size(kPastInspectionCsvColumns)),
                    {"body_code", "inspectorate", "date"}, "inspections"));
  Validation v;
  std::vector<PastInspectionLine> out;
  for (const CsvRecord& row : t.rows) {
    if (!WholeLine(t, row, v)) continue;
    const std::string where = Where(row);
    PastInspectionLine x;
    x.line = row.line;
    x.body_code = t.Get(row, "body_code");
    x.inspectorate_code = t.Get(row, "inspectorate");
    x.inspection.inspected_on = t.Get(row, "date");
    x.inspection.title = t.Get(row, "title");
    if (x.body_code.empty()) {
      v.Add(where + "body_code", "required", "Enter the body's code");
    } else {
      LookUp(body_of, x.body_code, where + "body_code", "unknown-body",
             "No body in the directory has the code ", x.inspection.body_id, v);
    }
    if (x.inspectorate_code.empty()) {
      v.Add(where + "inspectorate", "required", "Enter the inspectorate's code, such as HMICFRS");
    } else {
      LookUp(inspectorate_of, x.inspectorate_code, where + "inspectorate", "unknown-inspectorate",
             "No inspectorate has the code ", x.inspection.inspectorate_id, v);
    }
    v.Date(where + "date", x.inspection.inspected_on, "the date");
    v.Line(where + "title", x.inspection.title, kMaxPastTitleLength, false, "the title");
    out.push_back(std::move(x));
  }
  RETURN_IF_ERROR(v.Finish("Some lines of the file are not valid; nothing was imported"));
  return out;
}

std::string UpperFirst(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

int BurdenOf(int64_t body_id, const std::vector<PastInspection>& inspections, Date today) {
  const Date from = today.AddDays(-365 * kBurdenYearsBack);
  const Date to = today.AddDays(365);
  int n = 0;
  for (const auto& i : inspections) {
    const auto on = Date::Parse(i.inspected_on);
    if (i.body_id == body_id && on && on->DaysSince(from) >= 0 && to.DaysSince(*on) >= 0) ++n;
  }
  return n;
}

namespace {

// What a candidate brings to the set, each with its words and its weight.
struct Trait {
  std::string key;
  std::string words;
  int weight = 1;
};

struct Scored {
  const SiteCandidate* c = nullptr;
  std::vector<Trait> traits;
};

// The class of each candidate's performance: bands as they are; numbers
// of one measure ranked against each other, the top third well and the
// bottom third poorly.
std::map<int64_t, std::pair<PerformanceClass, std::string>> Performance(
    const std::vector<SiteCandidate>& cs) {
  std::map<int64_t, std::pair<PerformanceClass, std::string>> out;
  std::map<std::string, std::vector<std::pair<double, int64_t>>> by_measure;
  for (const auto& c : cs) {
    const auto& i = *c.indicators;
    if (auto band = PerformanceBand(i.performance)) {
      out[c.body.id] = {*band, AsciiLower(i.performance)};
    } else if (auto n = Number(i.performance)) {
      by_measure[i.performance_measure].emplace_back(*n, c.body.id);
    }
  }
  for (auto& [measure, values] : by_measure) {
    std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    const size_t third = values.size() / 3;
    for (size_t k = 0; k < values.size(); ++k) {
      const auto& [value, id] = values[k];
      const PerformanceClass cls = k < third                    ? PerformanceClass::kWell
                                   : k >= values.size() - third ? PerformanceClass::kPoorly
                                                                : PerformanceClass::kAdequate;
      std::string shown = std::to_string(value);
      shown = shown.substr(0, shown.find_last_not_of('0') + 1);
      if (shown.ends_with('.')) shown.pop_back();
      out[id] = {cls, measure + " " + shown};
    }
  }
  return out;
}

std::vector<Scored> Traits(const std::vector<SiteCandidate>& cs) {
  const auto perf = Performance(cs);
  std::vector<int64_t> sizes;
  for (const auto& c : cs) {
    if (c.indicators->size > 0) sizes.push_back(c.indicators->size);
  }
  std::sort(sizes.begin(), sizes.end());
  const size_t third = sizes.size() / 3;
  std::vector<Scored> out;
  for (const auto& c : cs) {
    Scored s;
    s.c = &c;
    if (auto p = perf.find(c.body.id); p != perf.end()) {
      const auto& [cls, what] = p->second;
      if (cls == PerformanceClass::kWell)
        s.traits.push_back({"well", "performs well (" + what + ")", 4});
      if (cls == PerformanceClass::kPoorly) {
        s.traits.push_back({"poorly", "performs poorly (" + what + ")", 4});
      }
      if (cls == PerformanceClass::kAdequate) {
        s.traits.push_back({"adequate", "performs adequately (" + what + ")", 1});
      }
    }
    if (c.body.in_london) s.traits.push_back({"london", "in London", 3});
    if (c.body.nation == Nation::kWales) s.traits.push_back({"wales", "in Wales", 3});
    if (!c.body.region.empty() && !c.body.in_london && c.body.nation != Nation::kWales) {
      s.traits.push_back({"region:" + c.body.region, "in the " + c.body.region + " region", 1});
    }
    const int64_t size = c.indicators->size;
    if (size > 0 && third > 0) {
      const std::string n = WithThousands(size) + " " + c.indicators->size_measure;
      if (size >= sizes[sizes.size() - third])
        s.traits.push_back({"large", "large (" + n + ")", 2});
      if (size <= sizes[third - 1]) s.traits.push_back({"small", "small (" + n + ")", 2});
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string BurdenWords(int burden) {
  const std::string span = " in the last " + std::to_string(kBurdenYearsBack) + " years or planned";
  if (burden == 0) return "not inspected" + span;
  if (burden == 1) return "inspected once" + span;
  if (burden == 2) return "inspected twice" + span;
  return "inspected " + std::to_string(burden) + " times" + span;
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  }
  return out;
}

// What `s` adds that `covered` lacks, weighed, less its burden.
int Gain(const Scored& s, const std::set<std::string>& covered) {
  int gain = 0;
  for (const auto& t : s.traits) {
    if (!covered.count(t.key)) gain += t.weight;
  }
  return 2 * gain - 3 * s.c->burden;
}

bool Before(const Scored& a, int ga, const Scored& b, int gb) {
  if (ga != gb) return ga > gb;
  if (a.c->burden != b.c->burden) return a.c->burden < b.c->burden;
  if (a.c->body.name != b.c->body.name) return a.c->body.name < b.c->body.name;
  return a.c->body.id < b.c->body.id;
}

}  // namespace

StatusOr<SiteProposal> ProposeSites(std::vector<SiteCandidate> candidates, int count) {
  if (count < 1 || count > kMaxProposedSites) {
    return std::move(InvalidArgument("Choose how many sites", "count")
                         .AddFieldError("count", "range",
                                        "Enter a number of sites from 1 to " +
                                            std::to_string(kMaxProposedSites)));
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const SiteCandidate& a, const SiteCandidate& b) {
              return a.body.name != b.body.name ? a.body.name < b.body.name : a.body.id < b.body.id;
            });
  SiteProposal out;
  out.asked = count;
  std::vector<SiteCandidate> with_data;
  for (auto& c : candidates) {
    if (c.indicators) {
      with_data.push_back(std::move(c));
    } else {
      out.no_data.push_back(c.body.id);
    }
  }
  std::vector<Scored> rest = Traits(with_data);
  std::set<std::string> covered;
  std::vector<std::pair<const Scored*, std::vector<std::string>>> picked;
  std::vector<Scored> chosen;
  while (static_cast<int>(out.picks.size()) < count && !rest.empty()) {
    size_t best = 0;
    for (size_t k = 1; k < rest.size(); ++k) {
      if (Before(rest[k], Gain(rest[k], covered), rest[best], Gain(rest[best], covered))) best = k;
    }
    const Scored s = rest[best];
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(best));
    std::vector<std::string> words;
    for (const auto& t : s.traits) {
      words.push_back(t.words);
      covered.insert(t.key);
    }
    words.push_back(BurdenWords(s.c->burden));
    out.picks.push_back({s.c->body.id, UpperFirst(Joined(words))});
    chosen.push_back(s);
  }
  // The near misses: the best of the rest had the set been one larger,
  // and what kept each out.
  std::sort(rest.begin(), rest.end(), [&](const Scored& a, const Scored& b) {
    return Before(a, Gain(a, {}), b, Gain(b, {}));
  });
  int max_burden = 0;
  for (const auto& s : chosen) max_burden = std::max(max_burden, s.c->burden);
  for (const auto& s : rest) {
    if (static_cast<int>(out.near_misses.size()) == kMaxNearMisses) break;
    std::vector<std::string> covered_by;
    std::vector<std::string> brings;
    for (const auto& t : s.traits) {
      brings.push_back(t.words);
      for (const auto& c : chosen) {
        const bool same = std::any_of(c.traits.begin(), c.traits.end(),
                                      [&](const Trait& x) { return x.key == t.key; });
        if (same &&
            std::find(covered_by.begin(), covered_by.end(), c.c->body.name) == covered_by.end()) {
          covered_by.push_back(c.c->body.name);
          break;
        }
      }
    }
    std::vector<std::string> why;
    if (!brings.empty()) {
      why.push_back(UpperFirst(Joined(brings)) +
                    (covered_by.empty()
                         ? ", but the set was full"
                         : "; " + Joined(covered_by) +
                               (covered_by.size() == 1 ? " already brings" : " already bring") +
                               " that to the set"));
    } else {
      why.push_back("Adds no variation the set lacks");
    }
    if (s.c->burden > max_burden) {
      why.push_back(BurdenWords(s.c->burden) + ", more than any site proposed");
    } else {
      why.push_back(BurdenWords(s.c->burden));
    }
    out.near_misses.push_back({s.c->body.id, why[0] + "; " + why[1]});
  }
  return out;
}

}  // namespace jointly
