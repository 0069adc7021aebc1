#include "service/programme_json.h"

namespace jointly {

using nlohmann::json;

json ToJson(const Proposal& p) {
  json participants = json::array();
  for (const auto& part : p.participants) {
    participants.push_back({{"inspectorate_id", part.inspectorate_id},
                            {"involvement", InvolvementId(part.involvement)},
                            {"effort_days", part.effort_days}});
  }
  json focus = json::array();
  for (Focus f : p.focus) focus.push_back(FocusId(f));
  json j = json::object();
  j["id"] = p.id;
  j["title"] = p.title;
  j["summary"] = p.summary;
  j["background"] = p.background;
  j["scope_and_purpose"] = p.scope_and_purpose;
  j["main_question"] = p.main_question;
  j["type"] = WorkTypeId(p.type);
  j["part"] = PartId(p.part);
  j["origin"] = OriginId(p.origin);
  j["status"] = ProposalStatusId(p.status);
  j["participants"] = std::move(participants);
  j["focus"] = std::move(focus);
  j["duration_quarters"] = p.duration_quarters;
  j["earliest_start"] = p.earliest_start ? json(QuarterLabel(p.earliest_start)) : json();
  j["specialist_skills"] = p.specialist_skills;
  j["clashes_with"] = p.clashes_with;
  j["contributes_to_improvement"] = p.contributes_to_improvement;
  j["outcome_focused"] = p.outcome_focused;
  j["user_perspective"] = p.user_perspective;
  j["forced"] = ForcedId(p.forced);
  j["forced_reason"] = p.forced_reason;
  j["version"] = p.version;
  return j;
}

json ToJson(const QualifyingTestResult& t) {
  return {{"test", QualifyingTestId(t.test)},
          {"applies", t.applies},
          {"passed", t.passed},
          {"reason", t.reason}};
}

json ToJson(const ProposalView& v) {
  json j = ToJson(v.proposal);
  json tests = json::array();
  for (const auto& t : v.tests) tests.push_back(ToJson(t));
  j["qualifying_tests"] = std::move(tests);
  j["qualifies"] = v.qualifies;
  j["scoring"] = ToJson(v.scoring);
  return j;
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
  json by = json::array();
  for (const auto& r : s.by_inspectorate) {
    json scores = json::object();
    for (const auto& [criterion, score] : r.scores) scores[std::to_string(criterion)] = score;
    by.push_back({{"inspectorate_id", r.inspectorate_id},
                  {"user_id", r.user_id},
                  {"scores", scores},
                  {"weighted", r.weighted}});
  }
  json j = json::object();
  j["by_inspectorate"] = std::move(by);
  j["count"] = s.combined.count;
  j["combined"] = s.combined.count ? json(s.combined.mean) : json();
  j["spread"] = s.combined.count ? json(s.combined.spread()) : json();
  return j;
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
