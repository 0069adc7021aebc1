#include "features/programme/programme_forms.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/text.h"

namespace jointly::web {

using nlohmann::json;

StatusOr<ProposalQuery> ReadProposalFilter(const Request& req, EmptyFilter empty) {
  ProposalQuery q;
  Validation v;
  for (const auto& [name, value] : req.params) {
    if (name == "limit" || name == "offset" || name == "after") continue;
    if (value.empty() && empty == EmptyFilter::kAny) continue;
    if (name == "type") {
      if (!(q.filter.type = ParseWorkType(value))) v.Add("type", "one-of", "Choose a type of work");
    } else if (name == "lead") {
      auto id = ParseInt(value, 1, INT64_MAX);
      if (!id) v.Add("lead", "type", "\"lead\" is an inspectorate id");
      q.filter.lead = id;
    } else if (name == "focus") {
      if (!(q.filter.focus = ParseFocus(value))) {
        v.Add("focus", "one-of", "Choose a high-level process or cross-cutting issue");
      }
    } else if (name == "status") {
      if (!(q.filter.status = ParseProposalStatus(value)))
        v.Add("status", "one-of", "Choose a status");
    } else if (name == "min_score") {
      char* end = nullptr;
      const double score = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end != '\0' || !std::isfinite(score) || score < 0 ||
          score > 100) {
        v.Add("min_score", "range", "Enter a combined score from 0 to 100, such as 60");
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
    } else if (empty == EmptyFilter::kRefused) {
      // A page reads only its filters: its address may carry the notice of
      // what was just done, or a guess such as page=2.
      v.Add(name, "unknown-parameter", "\"" + name + "\" is not a filter of the long-list");
    }
  }
  auto paging = ReadPaging(req, 100, Keyset::kYes);
  if (paging.ok()) {
    q.paging = *paging;
    q.filter.after = paging->after;
  }
  RETURN_IF_ERROR(v.Finish("Some filters are not valid"));
  RETURN_IF_ERROR(paging.status());
  return q;
}

void ReadCriteria(JsonObjectReader& in, CriteriaSet& set) {
  // Weights out of range are the domain's to name.
  in.ObjectArray("criteria", 0, kMaxCriteria, true, [&](JsonObjectReader& item, size_t) {
    Criterion c;
    if (auto v = item.String("name", 200, true)) c.name = *v;
    if (auto v = item.String("description", 2000)) c.description = *v;
    if (const json* w = item.Value("weight")) {
      if (!w->is_number()) {
        item.AddError("weight", "type", "A weight is a number from 0 to 1");
      } else {
        c.weight = w->get<double>();
      }
    }
    set.criteria.push_back(std::move(c));
  });
  if (const json* v = in.Value("pairwise")) {
    if (!v->is_array() || v->size() > kMaxCriteria) {
      in.AddError("pairwise", "type",
                  "\"pairwise\" must be a square matrix of numbers, at most 15 by 15");
      return;
    }
    for (size_t i = 0; i < v->size(); ++i) {
      const json& row = (*v)[i];
      const std::string at = "pairwise[" + std::to_string(i) + "]";
      if (!row.is_array() || row.size() > kMaxCriteria) {
        in.AddError(at, "type", "Each row of \"pairwise\" is a list of at most 15 numbers");
        continue;
      }
      std::vector<double> values;
      for (size_t j = 0; j < row.size(); ++j) {
        if (!row[j].is_number()) {
          in.AddError(at + "[" + std::to_string(j) + "]", "type", "A comparison is a number");
        } else {
          values.push_back(row[j].get<double>());
        }
      }
      set.pairwise.push_back(std::move(values));
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
  std::map<int64_t, int> capacity;
  if (in.ObjectArray("capacity", 0, 50, false, [&](JsonObjectReader& item, size_t) {
        auto inspectorate = item.Int("inspectorate_id", 1, INT64_MAX, true);
        // Out of range is the domain's to name, with the inspectorate.
        auto days = item.Int("days_per_quarter", INT64_MIN, INT64_MAX, true);
        if (inspectorate && capacity.contains(*inspectorate)) {
          item.AddError("inspectorate_id", "unique", "Give each inspectorate's capacity once");
        } else if (inspectorate && days) {
          capacity[*inspectorate] = static_cast<int>(std::clamp<int64_t>(*days, -1, 100001));
        }
      })) {
    plan.capacity = std::move(capacity);
  }
}

}  // namespace jointly::web
