#include "features/programme/programme_forms.h"

#include <cmath>

#include "core/text.h"

namespace jointly::web {

using nlohmann::json;

StatusOr<ProposalQuery> ReadProposalFilter(const Request& req) {
  ProposalQuery q;
  Validation v;
  for (const auto& [name, value] : req.params) {
    if (value.empty()) continue;
    if (name == "type") {
      if (!(q.filter.type = ParseWorkType(value))) v.Add("type", "R7", "Choose a type of work");
    } else if (name == "lead") {
      auto id = ParseInt(value, 1, INT64_MAX);
      if (!id) v.Add("lead", "type", "\"lead\" is an inspectorate id");
      q.filter.lead = id;
    } else if (name == "focus") {
      if (!(q.filter.focus = ParseFocus(value))) {
        v.Add("focus", "R5", "Choose a high-level process or cross-cutting issue");
      }
    } else if (name == "status") {
      if (!(q.filter.status = ParseProposalStatus(value)))
        v.Add("status", "one-of", "Choose a status");
    } else if (name == "min_score") {
      char* end = nullptr;
      const double score = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end != '\0' || !std::isfinite(score) || score < 0 ||
          score > 100) {
        v.Add("min_score", "range", "The lowest score must be a number from 0 to 100");
      } else {
        q.filter.min_score = score;
      }
    } else if (name == "search") {
      if (Utf8Length(value) > 200)
        v.Add("search", "max-length", "Search for 200 characters or fewer");
      q.filter.search = std::string(Trim(value));
    } else if (name == "criteria_set_id") {
      auto id = ParseInt(value, 1, INT64_MAX);
      if (!id) v.Add("criteria_set_id", "type", "\"criteria_set_id\" is a criteria set id");
      q.criteria_set_id = id.value_or(0);
    } else {
      v.Add(name, "unknown-parameter", "\"" + name + "\" is not a filter of the long-list");
    }
  }
  RETURN_IF_ERROR(v.Finish("Some filters are not valid"));
  return q;
}

void ReadCriteria(JsonObjectReader& in, CriteriaSet& set) {
  if (const json* v = in.Value("criteria", true)) {
    if (!v->is_array() || v->empty() || v->size() > kMaxCriteria) {
      in.AddError("criteria", "count", "\"criteria\" must list from 1 to 15 criteria");
    } else {
      for (size_t i = 0; i < v->size(); ++i) {
        const json& item = (*v)[i];
        const std::string field = "criteria[" + std::to_string(i) + "]";
        Criterion c;
        if (!item.is_object() || !item.contains("name") || !item["name"].is_string()) {
          in.AddError(field + ".name", "required", "Each criterion needs a \"name\"");
          continue;
        }
        c.name = item["name"].get<std::string>();
        if (item.contains("description") && item["description"].is_string()) {
          c.description = item["description"].get<std::string>();
        }
        if (item.contains("weight")) {
          if (!item["weight"].is_number()) {
            in.AddError(field + ".weight", "type", "A weight is a number from 0 to 1");
          } else {
            c.weight = item["weight"].get<double>();
          }
        }
        set.criteria.push_back(std::move(c));
      }
    }
  }
  if (const json* v = in.Value("pairwise")) {
    bool ok = v->is_array() && v->size() <= kMaxCriteria;
    if (ok) {
      for (const auto& row : *v) {
        if (!row.is_array() || row.size() > kMaxCriteria) {
          ok = false;
          break;
        }
        std::vector<double> values;
        for (const auto& x : row) {
          if (!x.is_number()) {
            ok = false;
            break;
          }
          values.push_back(x.get<double>());
        }
        set.pairwise.push_back(std::move(values));
      }
    }
    if (!ok) {
      set.pairwise.clear();
      in.AddError("pairwise", "type", "\"pairwise\" must be a square matrix of numbers");
    }
  }
}

void ReadPlanFields(JsonObjectReader& in, Plan& plan) {
  if (auto v = in.String("introduction", 20000)) plan.introduction = *v;
  if (auto v = in.String("context", 20000)) plan.context = *v;
  if (auto v = in.String("victim_waiver", 2000)) plan.victim_waiver = *v;
  if (auto v = in.Int("min_process_coverage", 0, 10)) {
    plan.min_process_coverage = static_cast<int>(*v);
  }
  if (auto v = in.Int("criteria_set_id", 1, INT64_MAX)) plan.criteria_set_id = *v;
  if (const json* v = in.Value("capacity")) {
    if (!v->is_array() || v->size() > 50) {
      in.AddError("capacity", "type",
                  "\"capacity\" must list {inspectorate_id, days_per_quarter} entries");
      return;
    }
    plan.capacity.clear();
    for (size_t i = 0; i < v->size(); ++i) {
      const json& item = (*v)[i];
      if (!item.is_object() || !item.contains("inspectorate_id") ||
          !item["inspectorate_id"].is_number_integer() || !item.contains("days_per_quarter") ||
          !item["days_per_quarter"].is_number_integer()) {
        in.AddError("capacity[" + std::to_string(i) + "]", "type",
                    "Each capacity entry needs a whole \"inspectorate_id\" and "
                    "\"days_per_quarter\"");
        continue;
      }
      const int64_t days = item["days_per_quarter"].get<int64_t>();
      plan.capacity[item["inspectorate_id"].get<int64_t>()] =
          static_cast<int>(std::clamp<int64_t>(days, -1, 100001));
    }
  }
}

}  // namespace jointly::web
