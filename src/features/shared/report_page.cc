#include "features/shared/report_page.h"

#include "core/date.h"
#include "core/text.h"

namespace jointly::web {

using nlohmann::json;

json ReportPageJson(const DraftReport& r) {
  const bool concerns = r.raises == RecommendationKind::kConcern;
  json sections = json::array();
  for (size_t i = 0; i < r.sections.size(); ++i) {
    json paragraphs = json::array();
    const std::string& text = r.sections[i].text;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string line = text.substr(start, end - start);
      if (line.find_first_not_of(" \t\r") != std::string::npos) paragraphs.push_back(line);
      start = end + 1;
    }
    sections.push_back(
        {{"number", i + 1}, {"title", r.sections[i].title}, {"paragraphs", paragraphs}});
  }
  json findings = json::array();
  for (const auto& f : r.findings) findings.push_back({{"statement", f.statement}});
  json asks = json::array();
  for (size_t i = 0; i < r.asks.size(); ++i) {
    const auto& a = r.asks[i];
    const Date due = Date::ParseOrNone(a.due_on);
    asks.push_back({{"label", concerns ? "Concern" : "Recommendation"},
                    {"number", i + 1},
                    {"action", a.action},
                    {"owner", a.owner.empty() ? "Not named" : a.owner},
                    {"measure", a.measure},
                    {"due", due.ok() ? due.ToLong() : a.due_on}});
  }
  return {{"title_of", r.title},
          {"by", InWordsList(r.inspectorates)},
          {"sections", sections},
          {"findings", findings},
          {"asks_heading", concerns ? "Concerns" : "Recommendations"},
          {"asks", asks}};
}

}  // namespace jointly::web
