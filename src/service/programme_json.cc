#include "service/programme_json.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "service/records_json.h"

namespace jointly {

using nlohmann::json;

namespace {

void AppendBool(std::string& out, bool value) { out += value ? "true" : "false"; }

// A number as nlohmann::json writes it ("59.0", "4.25").
void AppendNumber(std::string& out, double value) { out += json(value).dump(); }

void AppendInt(std::string& out, int64_t value) { out += std::to_string(value); }

// "[a,b]" of each item, written by `each`.
template <typename Items, typename Each>
void AppendArray(std::string& out, const Items& items, Each each) {
  out += '[';
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ',';
    first = false;
    each(item);
  }
  out += ']';
}

// A proposal's members and, with `view`, its tests and scoring among them:
// every member by name, the order nlohmann::json keeps them in.
void AppendProposal(std::string& out, const Proposal& p, const ProposalView* view) {
  out += "{\"background\":";
  AppendJsonString(out, p.background);
  out += ",\"clashes_with\":";
  AppendArray(out, p.clashes_with, [&](int64_t id) { AppendInt(out, id); });
  out += ",\"contributes_to_improvement\":";
  AppendBool(out, p.contributes_to_improvement);
  out += ",\"duration_quarters\":";
  AppendInt(out, p.duration_quarters);
  out += ",\"earliest_start\":";
  if (p.earliest_start) {
    AppendJsonString(out, QuarterLabel(p.earliest_start));
  } else {
    out += "null";
  }
  out += ",\"focus\":";
  AppendArray(out, p.focus, [&](Focus f) { AppendJsonString(out, FocusId(f)); });
  out += ",\"forced\":";
  AppendJsonString(out, ForcedId(p.forced));
  out += ",\"forced_reason\":";
  AppendJsonString(out, p.forced_reason);
  out += ",\"id\":";
  AppendInt(out, p.id);
  out += ",\"main_question\":";
  AppendJsonString(out, p.main_question);
  out += ",\"origin\":";
  AppendJsonString(out, OriginId(p.origin));
  out += ",\"outcome_focused\":";
  AppendBool(out, p.outcome_focused);
  out += ",\"part\":";
  AppendJsonString(out, PartId(p.part));
  out += ",\"participants\":";
  AppendArray(out, p.participants, [&](const Participation& part) {
    out += "{\"effort_days\":";
    AppendInt(out, part.effort_days);
    out += ",\"inspectorate_id\":";
    AppendInt(out, part.inspectorate_id);
    out += ",\"involvement\":";
    AppendJsonString(out, InvolvementId(part.involvement));
    out += '}';
  });
  if (view) {
    out += ",\"qualifies\":";
    AppendBool(out, view->qualifies);
    out += ",\"qualifying_tests\":";
    AppendArray(out, view->tests, [&](const QualifyingTestResult& t) { AppendJson(out, t); });
  }
  out += ",\"scope_and_purpose\":";
  AppendJsonString(out, p.scope_and_purpose);
  if (view) {
    out += ",\"scoring\":";
    AppendJson(out, view->scoring);
  }
  out += ",\"specialist_skills\":";
  AppendJsonString(out, p.specialist_skills);
  out += ",\"status\":";
  AppendJsonString(out, ProposalStatusId(p.status));
  out += ",\"summary\":";
  AppendJsonString(out, p.summary);
  out += ",\"title\":";
  AppendJsonString(out, p.title);
  out += ",\"type\":";
  AppendJsonString(out, WorkTypeId(p.type));
  out += ",\"user_perspective\":";
  AppendBool(out, p.user_perspective);
  out += ",\"version\":";
  AppendInt(out, p.version);
  out += '}';
}

// The tree of a text this file wrote.
json Parsed(const std::string& text) { return json::parse(text); }

}  // namespace

void AppendJson(std::string& out, const QualifyingTestResult& t) {
  out += "{\"applies\":";
  AppendBool(out, t.applies);
  out += ",\"passed\":";
  AppendBool(out, t.passed);
  out += ",\"reason\":";
  AppendJsonString(out, t.reason);
  out += ",\"test\":";
  AppendJsonString(out, QualifyingTestId(t.test));
  out += '}';
}

void AppendJson(std::string& out, const ProposalScoring& s) {
  out += "{\"by_inspectorate\":";
  AppendArray(out, s.by_inspectorate, [&](const RepresentativeScore& r) {
    out += "{\"inspectorate_id\":";
    AppendInt(out, r.inspectorate_id);
    // Keyed by the criterion's id as text, in the order of that text.
    std::vector<std::pair<std::string, int>> scores;
    for (const auto& [criterion, score] : r.scores) {
      scores.emplace_back(std::to_string(criterion), score);
    }
    std::sort(scores.begin(), scores.end());
    out += ",\"scores\":{";
    for (size_t i = 0; i < scores.size(); ++i) {
      if (i > 0) out += ',';
      AppendJsonString(out, scores[i].first);
      out += ':';
      AppendInt(out, scores[i].second);
    }
    out += "},\"user_id\":";
    AppendInt(out, r.user_id);
    out += ",\"weighted\":";
    AppendNumber(out, r.weighted);
    out += '}';
  });
  out += ",\"combined\":";
  if (s.combined.count) {
    AppendNumber(out, s.combined.mean);
  } else {
    out += "null";
  }
  out += ",\"count\":";
  AppendInt(out, s.combined.count);
  out += ",\"spread\":";
  if (s.combined.count) {
    AppendNumber(out, s.combined.spread());
  } else {
    out += "null";
  }
  out += '}';
}

void AppendJson(std::string& out, const Proposal& p) { AppendProposal(out, p, nullptr); }

void AppendJson(std::string& out, const ProposalView& v) { AppendProposal(out, v.proposal, &v); }

json ToJson(const Proposal& p) {
  std::string text;
  AppendJson(text, p);
  return Parsed(text);
}

json ToJson(const QualifyingTestResult& t) {
  std::string text;
  AppendJson(text, t);
  return Parsed(text);
}

json ToJson(const ProposalView& v) {
  std::string text;
  AppendJson(text, v);
  return Parsed(text);
}

json ToJson(const CriteriaSet& s) {
  json criteria = json::array();
  for (const auto& c : s.criteria) {
    criteria.push_back(
        {{"id", c.id}, {"name", c.name}, {"description", c.description}, {"weight", c.weight}});
  }
  json j = json::object();
  j["id"] = s.id;
  j["code"] = s.code;
  j["name"] = s.name;
  j["description"] = s.description;
  j["inspectorate_id"] = s.inspectorate_id ? json(*s.inspectorate_id) : json();
  j["method"] = WeightMethodId(s.method);
  j["pairwise"] = s.pairwise;
  j["consistency_ratio"] = s.consistency_ratio;
  j["consistent"] = s.consistency_ratio <= kAcceptableConsistencyRatio;
  j["criteria"] = std::move(criteria);
  j["version"] = s.version;
  return j;
}

json ToJson(const ProposalScoring& s) {
  std::string text;
  AppendJson(text, s);
  return Parsed(text);
}

json ToJson(const Plan& p) {
  json capacity = json::array();
  for (const auto& [inspectorate, days] : p.capacity) {
    capacity.push_back({{"inspectorate_id", inspectorate}, {"days_per_quarter", days}});
  }
  json items = json::array();
  for (const auto& item : p.items) {
    items.push_back(
        {{"proposal_id", item.proposal_id}, {"start_quarter", QuarterLabel(item.start_quarter)}});
  }
  json j = json::object();
  j["id"] = p.id;
  j["year"] = p.label();
  j["first_year"] = p.first_year;
  j["horizon"] = {QuarterLabel(p.horizon_start()),
                  QuarterLabel(p.horizon_start() + kHorizonQuarters - 1)};
  j["criteria_set_id"] = p.criteria_set_id;
  j["state"] = PlanStateId(p.state);
  j["introduction"] = p.introduction;
  j["context"] = p.context;
  j["min_process_coverage"] = p.min_process_coverage;
  j["victim_waiver"] = p.victim_waiver;
  j["capacity"] = std::move(capacity);
  j["items"] = std::move(items);
  j["version"] = p.version;
  return j;
}

json ToJson(const OptimiserRun& r) {
  json j = json::object();
  j["id"] = r.id;
  j["plan_id"] = r.plan_id;
  j["state"] = RunStateId(r.state);
  j["time_limit_seconds"] = r.time_limit_seconds;
  j["requested_at"] = r.requested_at;
  j["started_at"] = r.started_at.empty() ? json() : json(r.started_at);
  j["finished_at"] = r.finished_at.empty() ? json() : json(r.finished_at);
  json result = json::parse(r.result.empty() ? std::string("{}") : r.result, nullptr, false);
  j["result"] = result.is_discarded() ? json::object() : result;
  j["error"] = r.error.empty() ? json() : json(r.error);
  j["improving"] = r.improving_until > 0;
  return j;
}

json ToJson(const MinisterComment& c) {
  return {{"id", c.id},
          {"plan_id", c.plan_id},
          {"minister", c.minister},
          {"received_on", c.received_on.ToIso()},
          {"comment", c.comment},
          {"response", c.response},
          {"version", c.version}};
}

}  // namespace jointly
