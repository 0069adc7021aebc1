// The GOV.UK pages of stages 3 and 4: the fieldwork page (arrangements and
// their agreement, clearances, interviews and focus groups, issues in live
// cases), the shared evidence register and each evidence item with its
// quality assurance and attachments, and the forms they post.
#include <algorithm>

#include "core/enum_ids.h"
#include "core/text.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/record_form.h"

namespace jointly::web {

using nlohmann::json;
using namespace inspection_pages;  // NOLINT(google-build-using-namespace)

namespace {

std::string Person(const InspectionView& v, int64_t user) {
  auto it = v.people.find(user);
  return it == v.people.end() ? std::string("Someone no longer listed") : it->second;
}

std::map<int64_t, std::string> SiteNames(const InspectionView& v) {
  std::map<int64_t, std::string> out;
  for (const auto& s : v.sites) {
    auto it = v.body_names.find(s.body_id);
    out[s.id] = it == v.body_names.end() ? "" : it->second;
  }
  return out;
}

std::string SiteOf(const std::map<int64_t, std::string>& names, std::optional<int64_t> site) {
  if (!site) return "Not one site";
  auto it = names.find(*site);
  return it == names.end() ? "" : it->second;
}

// A site select: the inspection's sites, and none.
json SiteOptions(const InspectionView& v, const std::string& typed, const char* none) {
  std::vector<std::pair<std::string, std::string>> options = {{"", none}};
  for (const auto& [id, name] : SiteNames(v)) options.emplace_back(std::to_string(id), name);
  return Options(options, typed);
}

std::string ReviewTag(ReviewState s) {
  switch (s) {
    case ReviewState::kAgreed:
      return "govuk-tag--green";
    case ReviewState::kQueryRaised:
      return "govuk-tag--red";
    case ReviewState::kNotReviewed:
      return "govuk-tag--grey";
  }
  return "";
}

json ClassificationJson(Classification c) {
  return {{"label", ClassificationLabel(c)},
          {"sensitive", c == Classification::kOfficialSensitive}};
}

// Where each participating inspectorate stands on an item (R15).
json AssuranceJson(const InspectionView& v, const EvidenceItem& e) {
  json out = json::array();
  for (int64_t who : v.inspection.participating) {
    const EvidenceReview* newest = NewestReview(e, v.reviews, who);
    const ReviewState s = newest ? newest->state : ReviewState::kNotReviewed;
    json one = {{"inspectorate", FullName(v.inspectorates, who)},
                {"label", ReviewStateLabel(s)},
                {"tag", ReviewTag(s)}};
    // An answered query waits for the inspectorate that raised it.
    if (s == ReviewState::kQueryRaised && !newest->answer.empty()) {
      one["label"] = v.standing.inspectorate == who ? "Query answered: awaiting your review"
                                                    : "Query answered: awaiting its review";
      one["tag"] = "govuk-tag--yellow";
    }
    out.push_back(std::move(one));
  }
  return out;
}

// Whether the caller may add clearances, interviews and live-case issues
// now, as the use cases decide it: the forms are offered only then.
// Whether the caller records fieldwork now: on the team, or under a
// delegation of fieldwork (R23), while the stage is open.
bool MayRecordFieldwork(const InspectionView& v) {
  return (CheckOnTeam(v.standing).ok() || v.fieldwork_under) &&
         CheckStageOpen(v.stages, InspectionStage::kPreFieldwork).ok();
}

// Whether the caller plans visits now: on the team, while the stage is open.
bool MayPlanVisits(const InspectionView& v) {
  return CheckOnTeam(v.standing).ok() &&
         CheckStageOpen(v.stages, InspectionStage::kPreFieldwork).ok();
}

// The inspectorate the caller records fieldwork for under a delegation
// (R23), if they are not on the team.
std::optional<int64_t> DelegatedFor(const InspectionView& v) {
  if (CheckOnTeam(v.standing).ok() || !v.fieldwork_under) return std::nullopt;
  return v.fieldwork_under->delegating_inspectorate_id;
}

// R23: whether the caller holds a delegation of fieldwork from
// `inspectorate` (they may hold several, from several inspectorates).
bool DelegatedFrom(const InspectionView& v, std::optional<int64_t> inspectorate) {
  return inspectorate &&
         std::any_of(v.held_delegations.begin(), v.held_delegations.end(), [&](const auto& x) {
           return x.function == DelegatedFunction::kFieldwork &&
                  x.delegating_inspectorate_id == *inspectorate;
         });
}

// The inspectorate whose person `user` is on fieldwork (FieldworkTeam).
std::optional<int64_t> FieldworkInspectorate(const InspectionView& v, int64_t user) {
  for (const auto& m : v.fieldwork_team) {
    if (m.current() && m.user_id == user) return m.inspectorate_id;
  }
  return std::nullopt;
}

// "Recorded by Jo Bloggs for HMICFRS under delegation from HMICFRS to
// HMCPSI (...)": who made a record of fieldwork under a delegation (R23).
std::string RecordedUnder(const InspectionView& v, std::optional<int64_t> by,
                          const std::string& acting_as) {
  if (acting_as.empty()) return "";
  return "Recorded " + (by ? "by " + Person(v, *by) + " " : std::string()) + acting_as;
}

// R23: whom the caller records fieldwork for, as (delegation, words): the
// team for its inspectorate (no delegation); someone fieldwork was
// delegated to, for each inspectorate that delegated it to them.
std::vector<std::pair<std::string, std::string>> RecordsFor(const InspectionView& v) {
  std::vector<std::pair<std::string, std::string>> under;
  if (v.standing.on_team && v.standing.inspectorate) {
    under.emplace_back("", FullName(v.inspectorates, *v.standing.inspectorate));
  }
  for (const auto& x : v.held_delegations) {
    if (x.function != DelegatedFunction::kFieldwork) continue;
    under.emplace_back(std::to_string(x.id),
                       FullName(v.inspectorates, x.delegating_inspectorate_id) +
                           ", under delegation " + std::to_string(x.id));
  }
  return under;
}

// R23: the "Recorded for" choice of form `which`, offered (choose_delegation)
// only to someone who records under a delegation and may record for more
// than one inspectorate or only under it.
void RecordsForChoice(json& d, const PageInput& in, const char* which) {
  const auto under = RecordsFor(in.v);
  const bool own = !under.empty() && under.front().first.empty();
  d["choose_delegation"] = under.size() > 1 || (!own && !under.empty());
  d["f_delegation_id"]["label"] = "Recorded for";
  d["f_delegation_id"]["options"] =
      Options(under, in.sent && in.form == which ? Param(in.req, "delegation_id")
                     : under.empty()             ? ""
                                                 : under.front().first);
}

// A record's form fields, as typed if `which` was the form sent.
template <typename T>
void AddForm(json& d, const PageInput& in, const RecordType<T>& type, const char* which, T record) {
  Typed typed;
  if (in.sent && in.form == which) (void)ReadRecordForm(type, in.req, record, typed);
  AddRecordFields(d, type, record, typed);
}

void ArrangementsPart(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const Status open = CheckStageOpen(v.stages, InspectionStage::kPreFieldwork);
  d["stage_open"] = open.ok();
  d["stage_blockers"] = StageBlockers(v, InspectionStage::kPreFieldwork);
  d["arrangements_agreement"] = AgreementJson(v, v.arrangements_agreement, kArrangementsAgreement);
  d["arrangements_version"] = v.arrangements.version;
  d["arrangements_form"] = {{"version", v.arrangements.version}};
  d["arrangements_complete"] = CheckArrangementsComplete(v.arrangements).ok();
  const bool awaiting = v.arrangements_agreement == Agreement::kAwaiting;
  d["may_ask_arrangements"] = v.standing.lead_team && open.ok() && !awaiting &&
                              v.arrangements_agreement != Agreement::kAgreed;
  json shown = json::array();
  for (const auto& f : ArrangementsRecord().fields) {
    if (!f.writable) continue;
    const FieldValue value = f.get(v.arrangements);
    std::string text;
    if (const auto* s = std::get_if<std::string>(&value)) text = *s;
    if (f.type == FieldType::kChoice) text = ChoiceLabel(f, text);
    shown.push_back({{"label", f.label}, {"value", text}, {"blank", Trim(text).empty()}});
  }
  d["arrangements"] = shown;
  AddForm(d, in, ArrangementsRecord(), "arrangements", v.arrangements);
}

// Whether the caller may change `c` now: on the team while the stage is
// open, for their own inspectorate's people unless they lead.
bool MayChangeClearance(const InspectionView& v, const Clearance& c) {
  if (!MayRecordFieldwork(v)) return false;
  if (DelegatedFor(v)) return DelegatedFrom(v, FieldworkInspectorate(v, c.user_id));
  if (v.standing.lead_team) return true;
  return std::any_of(v.team.begin(), v.team.end(), [&](const TeamMember& m) {
    return m.user_id == c.user_id && v.standing.inspectorate == m.inspectorate_id;
  });
}

void ClearancesPart(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  json rows = json::array();
  for (const auto& c : v.clearances) {
    rows.push_back({{"cid", c.id},
                    {"person", Person(v, c.user_id)},
                    {"kind", ClearanceKindLabel(c.kind)},
                    {"detail", c.detail},
                    {"held", c.held && !v.expired_clearances.count(c.id)},
                    {"expired", v.expired_clearances.count(c.id) > 0},
                    {"expires", c.expires_on.empty() ? "No expiry" : InWords(c.expires_on)},
                    {"version", c.version},
                    {"acting_as", RecordedUnder(v, c.recorded_by, c.acting_as)},
                    {"may_change", MayChangeClearance(v, c)}});
  }
  d["clearances"] = rows;
  d["has_clearances"] = !rows.empty();
  d["clearance_warnings"] = v.clearance_warnings;
  d["has_clearance_warnings"] = !v.clearance_warnings.empty();
}

void ClearanceForm(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  AddForm(d, in, ClearanceRecord(), "clearance", Clearance{});
  std::vector<std::pair<std::string, std::string>> people = {{"", "Choose someone on the team"}};
  // Under a delegation of fieldwork (R23): the delegating inspectorate's
  // people and those it delegated fieldwork to.
  const auto delegating = DelegatedFor(v);
  for (const auto& m : delegating ? v.fieldwork_team : v.team) {
    if (!m.current()) continue;
    if (delegating ? !DelegatedFrom(v, m.inspectorate_id)
                   : !v.standing.lead_team && v.standing.inspectorate != m.inspectorate_id) {
      continue;
    }
    people.emplace_back(
        std::to_string(m.user_id),
        Person(v, m.user_id) + " (" + FullName(v.inspectorates, m.inspectorate_id) + ")");
  }
  d["f_user_id"]["options"] =
      Options(people, in.sent && in.form == "clearance" ? Param(in.req, "user_id") : "");
}

// The visits to each site, with each visit's team and its joint pairs.
void VisitsPart(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const auto sites = SiteNames(v);
  json rows = json::array();
  for (const auto& x : v.visits) {
    json team = json::array();
    for (const auto& p : v.visit_places) {
      if (p.visit_id != x.id) continue;
      team.push_back({{"pid", p.id},
                      {"version", p.version},
                      {"who", p.partner_id ? WithInspectorate(v, p.user_id) + " and " +
                                                 WithInspectorate(v, *p.partner_id)
                                           : WithInspectorate(v, p.user_id)},
                      {"pair", p.partner_id.has_value()},
                      {"acting_as", p.acting_as}});
    }
    const auto warnings = v.visit_warnings.find(x.id);
    json shown = warnings == v.visit_warnings.end() ? json::array() : json(warnings->second);
    rows.push_back({{"vid", x.id},
                    {"site", SiteOf(sites, x.site_id)},
                    {"day", InWords(x.visit_on)},
                    {"mode", VisitModeLabel(x.mode)},
                    {"activities", x.activities},
                    {"team", team},
                    {"has_team", !team.empty()},
                    {"warnings", shown},
                    {"has_warnings", !shown.empty()},
                    {"version", x.version}});
  }
  d["visits"] = rows;
  d["has_visits"] = !rows.empty();
}

void VisitForm(json& d, const PageInput& in) {
  AddForm(d, in, VisitRecord(), "visit", Visit{});
  d["f_site_id"]["options"] = SiteOptions(
      in.v, in.sent && in.form == "visit" ? Param(in.req, "site_id") : "", "Choose a site");
}

// The form to add someone, or a joint pair, to the team of the visit the
// address names.
void VisitPlaceForm(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const auto vid = PathId(in.req, 2);
  const auto sites = SiteNames(v);
  for (const auto& x : v.visits) {
    if (vid && x.id == *vid) {
      d["vid"] = x.id;
      d["visit"] = SiteOf(sites, x.site_id) + ", " + InWords(x.visit_on);
    }
  }
  AddForm(d, in, VisitPlaceRecord(), "visit_place", VisitPlace{});
  std::vector<std::pair<std::string, std::string>> people = {{"", "Choose someone on the team"}};
  std::vector<std::pair<std::string, std::string>> partners = {{"", "Not in a joint pair"}};
  for (const auto& m : v.team) {
    if (!m.current()) continue;
    people.emplace_back(std::to_string(m.user_id), WithInspectorate(v, m.user_id));
    partners.emplace_back(std::to_string(m.user_id), WithInspectorate(v, m.user_id));
  }
  // R23: people under a delegation of fieldwork visit, as one of a joint
  // pair, for the inspectorate that delegated it.
  for (const auto& x : v.delegations) {
    if (x.function != DelegatedFunction::kFieldwork || !v.delegations_in_force.count(x.id)) {
      continue;
    }
    std::vector<int64_t> named = {x.user_id};
    named.insert(named.end(), x.others.begin(), x.others.end());
    for (int64_t user : named) {
      const auto name = v.people.find(user);
      const bool member = std::any_of(v.team.begin(), v.team.end(), [&](const TeamMember& m) {
        return m.current() && m.user_id == user;
      });
      if (member || name == v.people.end()) continue;
      const std::string label = name->second + " (for " +
                                FullName(v.inspectorates, x.delegating_inspectorate_id) +
                                " under delegation)";
      people.emplace_back(std::to_string(user), label);
      partners.emplace_back(std::to_string(user), label);
    }
  }
  const bool this_form = in.sent && in.form == "visit_place";
  d["f_user_id"]["options"] = Options(people, this_form ? Param(in.req, "user_id") : "");
  d["f_partner_id"]["options"] = Options(partners, this_form ? Param(in.req, "partner_id") : "");
}

void InterviewsPart(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const auto sites = SiteNames(v);
  json rows = json::array();
  for (const auto& i : v.interviews) {
    rows.push_back(
        {{"held", InWords(i.held_on)},
         {"kind", InterviewKindLabel(i.kind)},
         {"with_whom", i.with_whom},
         {"site", SiteOf(sites, i.site_id)},
         {"joint", i.staffing == Staffing::kJoint},
         {"single", i.single_inspectorate ? FullName(v.inspectorates, *i.single_inspectorate) : ""},
         {"reason", i.single_reason},
         {"plan", i.plan},
         {"acting_as", i.acting_as}});
  }
  d["interviews"] = rows;
  d["has_interviews"] = !rows.empty();
}

void InterviewForm(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  AddForm(d, in, InterviewRecord(), "interview", Interview{});
  RecordsForChoice(d, in, "interview");
  const bool this_form = in.sent && in.form == "interview";
  d["f_site_id"]["options"] =
      SiteOptions(v, this_form ? Param(in.req, "site_id") : "", "Not at one site");
  std::vector<std::pair<std::string, std::string>> who = {{"", "Not conducted alone"}};
  for (int64_t i : v.inspection.participating) {
    who.emplace_back(std::to_string(i), FullName(v.inspectorates, i));
  }
  d["f_single_inspectorate"]["options"] =
      Options(who, this_form ? Param(in.req, "single_inspectorate") : "");
}

void LiveCasesPart(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const auto sites = SiteNames(v);
  json rows = json::array();
  const auto delegating = DelegatedFor(v);
  for (const auto& l : v.live_cases) {
    rows.push_back({{"lid", l.id},
                    {"found", InWords(l.found_on)},
                    {"case_reference", l.case_reference},
                    {"site", SiteOf(sites, l.site_id)},
                    {"issue", l.issue},
                    {"action", l.action},
                    {"action_by", l.action_by},
                    {"classification", ClassificationJson(l.classification)},
                    {"acting_as", RecordedUnder(v, l.recorded_by, l.acting_as)},
                    {"may_change",
                     MayRecordFieldwork(v) && (!delegating || DelegatedFrom(v, l.recorded_for))}});
  }
  d["live_cases"] = rows;
  d["has_live_cases"] = !rows.empty();
  if (v.live_cases_withheld > 0) {
    d["live_cases_withheld"] =
        Count(v.live_cases_withheld, "issue is", "issues are") +
        (delegating ? " OFFICIAL-SENSITIVE and recorded for another inspectorate: only the "
                      "inspection's team sees them."
                    : " OFFICIAL-SENSITIVE: only the inspection's team sees them.");
  }
}

void LiveCaseForm(json& d, const PageInput& in) {
  AddForm(d, in, LiveCaseRecord(), "live_case", LiveCaseIssue{});
  RecordsForChoice(d, in, "live_case");
  d["f_site_id"]["options"] = SiteOptions(
      in.v, in.sent && in.form == "live_case" ? Param(in.req, "site_id") : "", "Not at one site");
}

// R22: what a destroyed item's place says ("Destroyed on ... under
// HMCPSI's schedule; its destruction certificate ..."), or "" while it is not.
std::string DestroyedOf(const InspectionView& v, int64_t evidence_id) {
  for (const auto& x : v.retention.items) {
    if (x.item.id == evidence_id && x.destroyed) {
      return DestroyedWords(x.destroyed_at, x.owner);
    }
  }
  return "";
}

void EvidenceList(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const auto sites = SiteNames(v);
  json rows = json::array();
  int assured = 0;
  for (const auto& e : v.evidence) {
    bool all = true;
    for (int64_t who : v.inspection.participating) {
      all = all && ReviewOf(e, v.reviews, who) == ReviewState::kAgreed;
    }
    assured += all ? 1 : 0;
    rows.push_back({{"eid", e.id},
                    {"gathered", InWords(e.gathered_on)},
                    {"method", MethodLabel(e.method)},
                    {"site", SiteOf(sites, e.site_id)},
                    {"for", FullName(v.inspectorates, e.recorded_for)},
                    {"delegated", e.delegation_id.has_value()},
                    {"summary", DestroyedOf(v, e.id).empty() ? Abridged(e.summary, 200)
                                                             : DestroyedOf(v, e.id)},
                    {"classification", ClassificationJson(e.classification)},
                    {"assurance", AssuranceJson(v, e)}});
  }
  d["evidence"] = rows;
  d["has_evidence"] = !rows.empty();
  d["evidence_count"] = rows.size();
  d["evidence_assured"] = assured;
  if (v.withheld > 0) {
    d["withheld"] = Count(v.withheld, "item is", "items are") +
                    " OFFICIAL-SENSITIVE: only the inspection's team sees them.";
  }
  const auto under = RecordsFor(v);
  d["may_record"] = !under.empty() && CheckStageOpen(v.stages, InspectionStage::kPreFieldwork).ok();
  std::vector<std::string> names;
  for (const auto& [id, name] : under) names.push_back(name);
  d["records_for"] = InWordsList(names);
  AddForm(d, in, EvidenceRecord(), "evidence", EvidenceItem{});
  RecordsForChoice(d, in, "evidence");
  d["f_site_id"]["options"] = SiteOptions(
      v, in.sent && in.form == "evidence" ? Param(in.req, "site_id") : "", "Not from one site");
}

void EvidenceItemPart(json& d, const PageInput& in, const EvidenceItem& e) {
  const InspectionView& v = in.v;
  const auto sites = SiteNames(v);
  d["item"] = {{"eid", e.id},
               {"gathered", InWords(e.gathered_on)},
               {"method", MethodLabel(e.method)},
               {"site", SiteOf(sites, e.site_id)},
               {"for", FullName(v.inspectorates, e.recorded_for)},
               {"by", Person(v, e.recorded_by)},
               {"acting_as", e.acting_as},
               {"summary", e.summary},
               {"case_reference", e.case_reference},
               {"answers", e.answers},
               {"version", e.version},
               {"classification", ClassificationJson(e.classification)}};
  d["assurance"] = AssuranceJson(v, e);
  // R22: nothing is done to a destroyed item.
  const std::string destroyed = DestroyedOf(v, e.id);
  d["destroyed"] = destroyed;
  const bool own =
      destroyed.empty() && v.standing.on_team && v.standing.inspectorate == e.recorded_for;
  d["own"] = own;
  // R23: someone fieldwork was delegated to answers queries for the
  // inspectorate that delegated it.
  const bool answers_for =
      std::any_of(v.held_delegations.begin(), v.held_delegations.end(), [&](const Delegation& x) {
        return x.function == DelegatedFunction::kFieldwork &&
               x.delegating_inspectorate_id == e.recorded_for;
      });
  d["may_review"] = destroyed.empty() && v.standing.inspectorate &&
                    Participates(v.inspection, *v.standing.inspectorate);
  if (v.standing.inspectorate)
    d["reviews_for"] = FullName(v.inspectorates, *v.standing.inspectorate);
  // R23: someone quality assurance was delegated to reviews for the
  // inspectorate that delegated it.
  for (const auto& x : v.held_delegations) {
    if (d["may_review"] || !destroyed.empty() ||
        x.function != DelegatedFunction::kQualityAssurance) {
      continue;
    }
    d["may_review"] = true;
    d["reviews_for"] = FullName(v.inspectorates, x.delegating_inspectorate_id) +
                       ", under delegation " + std::to_string(x.id);
    d["review_delegation"] = x.id;
  }
  json reviews = json::array();
  for (const auto& r : v.reviews) {
    if (r.evidence_id != e.id) continue;
    reviews.push_back(
        {{"rid", r.id},
         {"inspectorate", FullName(v.inspectorates, r.inspectorate_id)},
         {"state", ReviewStateLabel(r.state)},
         {"tag", ReviewTag(r.state)},
         {"comment", r.comment},
         {"by", Person(v, r.reviewed_by)},
         {"acting_as", r.acting_as},
         {"at", InWords(r.reviewed_at)},
         {"version", r.evidence_version},
         {"stale", r.evidence_version != e.version},
         {"answer", r.answer},
         {"answered", !r.answer.empty()},
         {"answered_as", r.answered_as},
         {"may_answer", destroyed.empty() && (own || answers_for) &&
                            r.state == ReviewState::kQueryRaised && r.answer.empty()}});
    // A refused answer is shown again at its query, as it was typed.
    const std::string field = "answer-" + std::to_string(r.id);
    reviews.back()["answer_error"] =
        d.value("field_errors", json::object()).value(field, std::string());
    if (in.sent && in.form == "answer" && PathId(in.req, 3) == r.id) {
      reviews.back()["answer_typed"] = Param(in.req, "answer");
    }
  }
  d["reviews"] = reviews;
  d["has_reviews"] = !reviews.empty();
  json files = json::array();
  for (const auto& a : v.attachments) {
    if (a.evidence_id != e.id) continue;
    files.push_back(
        {{"aid", a.id},
         {"filename", a.filename},
         {"size", a.size < 1024          ? Count(static_cast<int>(a.size), "byte", "bytes")
                  : a.size < 1024 * 1024 ? std::to_string((a.size + 1023) / 1024) + " KB"
                                         : std::to_string((a.size + 1048575) / 1048576) + " MB"},
         {"sha256", a.sha256},
         {"by", Person(v, a.uploaded_by)},
         {"at", InWords(a.uploaded_at)}});
  }
  d["attachments"] = files;
  d["has_attachments"] = !files.empty();
  const bool sent_here = in.sent && in.form == "review";
  d["review_state"] = sent_here ? Param(in.req, "state") : "";
  d["review_agreed"] = d["review_state"] == "agreed";
  d["review_query"] = d["review_state"] == "query_raised";
  d["review_comment"] = sent_here ? Param(in.req, "comment") : "";
  AddForm(d, in, EvidenceRecord(), "evidence_update", e);
  d["f_site_id"]["options"] =
      SiteOptions(v,
                  in.sent && in.form == "evidence_update" ? Param(in.req, "site_id")
                  : e.site_id                             ? std::to_string(*e.site_id)
                                                          : "",
                  "Not from one site");
}

}  // namespace

namespace inspection_pages {

void FieldworkPage(json& d, const PageInput& in) {
  ArrangementsPart(d, in);
  ClearancesPart(d, in);
  VisitsPart(d, in);
  InterviewsPart(d, in);
  LiveCasesPart(d, in);
  d["may_record"] = MayRecordFieldwork(in.v);
  d["may_plan_visits"] = MayPlanVisits(in.v);
}

void ClearancePage(json& d, const PageInput& in) {
  d["may_record"] = MayRecordFieldwork(in.v);
  d["title"] = "Add a clearance: " + in.v.inspection.title;
  ClearanceForm(d, in);
}

void ClearanceChangePage(json& d, const PageInput& in) {
  const auto cid = PathId(in.req, 2);
  for (const auto& c : in.v.clearances) {
    if (!cid || c.id != *cid) continue;
    d["may_record"] = MayChangeClearance(in.v, c);
    d["may_remove"] = MayPlanVisits(in.v);  // the team removes one
    d["title"] = "Change a clearance: " + in.v.inspection.title;
    d["clearance"] = {{"cid", c.id},
                      {"person", Person(in.v, c.user_id)},
                      {"kind", InSentence(ClearanceKindLabel(c.kind))},
                      {"version", c.version}};
    AddForm(d, in, ClearanceRecord(), "clearance_update", c);
  }
}

void VisitPage(json& d, const PageInput& in) {
  d["may_record"] = MayPlanVisits(in.v);
  d["title"] = "Plan a fieldwork visit: " + in.v.inspection.title;
  VisitForm(d, in);
}

void VisitPlacePage(json& d, const PageInput& in) {
  d["may_record"] = MayPlanVisits(in.v);
  d["title"] = "Add to a visit's team: " + in.v.inspection.title;
  VisitPlaceForm(d, in);
}

void InterviewPage(json& d, const PageInput& in) {
  d["may_record"] = MayRecordFieldwork(in.v);
  d["title"] = "Plan an interview or focus group: " + in.v.inspection.title;
  InterviewForm(d, in);
}

void LiveCaseChangePage(json& d, const PageInput& in) {
  const auto lid = PathId(in.req, 2);
  const auto delegating = DelegatedFor(in.v);
  for (const auto& l : in.v.live_cases) {
    if (!lid || l.id != *lid) continue;
    d["may_record"] =
        MayRecordFieldwork(in.v) && (!delegating || DelegatedFrom(in.v, l.recorded_for));
    d["title"] = "Change an issue in a live case: " + in.v.inspection.title;
    d["live_case"] = {{"lid", l.id},
                      {"case_reference", l.case_reference},
                      {"acting_as", RecordedUnder(in.v, l.recorded_by, l.acting_as)},
                      {"version", l.version}};
    AddForm(d, in, LiveCaseRecord(), "live_case_update", l);
    d["f_site_id"]["options"] =
        SiteOptions(in.v,
                    in.sent && in.form == "live_case_update" ? Param(in.req, "site_id")
                    : l.site_id                              ? std::to_string(*l.site_id)
                                                             : "",
                    "Not at one site");
  }
}

void LiveCasePage(json& d, const PageInput& in) {
  d["may_record"] = MayRecordFieldwork(in.v);
  d["title"] = "Record an issue in a live case: " + in.v.inspection.title;
  LiveCaseForm(d, in);
}

void EvidencePage(json& d, const PageInput& in) { EvidenceList(d, in); }

void EvidenceItemPage(json& d, const PageInput& in) {
  const auto eid = PathId(in.req, 2);
  for (const auto& e : in.v.evidence) {
    if (eid && e.id == *eid) {
      d["title"] = "Evidence item " + std::to_string(e.id) + ": " + in.v.inspection.title;
      return EvidenceItemPart(d, in, e);
    }
  }
  d["missing"] = true;
}

namespace {

// The evidence item the address names, where to go after its forms.
std::optional<int64_t> EvidenceItemOf(const FormInput& in) {
  auto item = PathId(in.req, 2);
  if (item) in.next += "/evidence/" + std::to_string(*item);
  return item;
}

Status AddEvidence(const FormInput& in) {
  Typed typed;
  EvidenceItem e;
  RETURN_IF_ERROR(ReadRecordForm(EvidenceRecord(), in.req, e, typed));
  auto made = in.inspections.AddEvidence(in.caller, in.id, e);
  RETURN_IF_ERROR(made.status());
  in.next += "/evidence/" + std::to_string(made->id);
  return OkStatus();
}

Status ReviewEvidence(const FormInput& in) {
  auto item = EvidenceItemOf(in);
  if (!item) return NotFound("No such evidence item");
  EvidenceReview review;
  auto state = ParseById(Field(in.req, "state"), kAllReviewStates, ReviewStateId);
  if (!state || *state == ReviewState::kNotReviewed) {
    return std::move(InvalidArgument("Choose whether you agree", "required")
                         .AddFieldError("state", "required",
                                        "Choose whether you agree the evidence or raise a query"));
  }
  review.state = *state;
  review.comment = Param(in.req, "comment");
  review.delegation_id = ParseInt(Param(in.req, "delegation_id"), 1, INT64_MAX);
  return in.inspections.Review(in.caller, *item, in.Version(), review).status();
}

Status AnswerQuery(const FormInput& in) {
  if (!EvidenceItemOf(in)) return NotFound("No such evidence item");
  auto review = PathId(in.req, 3);
  if (!review) return NotFound("No such query");
  Status s = in.inspections.AnswerQuery(in.caller, *review, Param(in.req, "answer")).status();
  if (s.code() == StatusCode::kInvalidArgument) {
    return RenameFields(s, [&](const std::string&) { return "answer-" + std::to_string(*review); });
  }
  return s;
}

Status Attach(const FormInput& in) {
  auto item = EvidenceItemOf(in);
  if (!item) return NotFound("No such evidence item");
  const UploadedFile* file = in.req.File("file");
  if (!file || file->filename.empty()) {
    return std::move(InvalidArgument("Choose a file to attach", "required")
                         .AddFieldError("file", "required", "Choose a file to attach"));
  }
  return in.inspections.Attach(in.caller, *item, file->filename, file->content).status();
}

}  // namespace

const std::vector<FormAction> kFieldworkForms = {
    {"arrangements", "/fieldwork#arrangements",
     [](const FormInput& in) {
       return UpdateFromForm(ArrangementsRecord(), in, [&](auto change) {
         return in.inspections.UpdateArrangements(in.caller, in.id, in.Version(), change);
       });
     }},
    {"arrangements_agreement", "/fieldwork#arrangements",
     [](const FormInput& in) { return in.inspections.AskArrangements(in.caller, in.id).status(); }},
    {"clearance", "/fieldwork#clearance-list",
     [](const FormInput& in) {
       return AddFromForm(ClearanceRecord(), in.req, [&](const Clearance& c) {
         return in.inspections.AddClearance(in.caller, in.id, c);
       });
     }},
    {"clearance_update", "/fieldwork#clearance-list",
     [](const FormInput& in) {
       auto clearance = PathId(in.req, 2);
       if (!clearance) return NotFound("No such clearance");
       return UpdateFromForm(ClearanceRecord(), in, [&](auto change) {
         return in.inspections.UpdateClearance(in.caller, *clearance, in.Version(), change);
       });
     }},
    {"clearance_delete", "/fieldwork#clearance-list",
     [](const FormInput& in) {
       return DeleteFromPath(in, "No such clearance", [&](int64_t part, int64_t version) {
         return in.inspections.DeleteClearance(in.caller, part, version);
       });
     }},
    {"visit", "/fieldwork#visit-list",
     [](const FormInput& in) {
       return AddFromForm(VisitRecord(), in.req, [&](const Visit& x) {
         return in.inspections.AddVisit(in.caller, in.id, x);
       });
     }},
    {"visit_place", "/fieldwork#visit-list",
     [](const FormInput& in) {
       auto visit = PathId(in.req, 2);
       if (!visit) return NotFound("No such visit");
       return AddFromForm(VisitPlaceRecord(), in.req, [&](const VisitPlace& p) {
         return in.inspections.AddVisitPlace(in.caller, *visit, p);
       });
     }},
    {"interview", "/fieldwork#interview-list",
     [](const FormInput& in) {
       return AddFromForm(InterviewRecord(), in.req, [&](const Interview& i) {
         return in.inspections.AddInterview(in.caller, in.id, i);
       });
     }},
    {"live_case", "/fieldwork#live-case-list",
     [](const FormInput& in) {
       return AddFromForm(LiveCaseRecord(), in.req, [&](const LiveCaseIssue& l) {
         return in.inspections.AddLiveCase(in.caller, in.id, l);
       });
     }},
    {"live_case_update", "/fieldwork#live-case-list",
     [](const FormInput& in) {
       auto issue = PathId(in.req, 2);
       if (!issue) return NotFound("No such issue in a live case");
       return UpdateFromForm(LiveCaseRecord(), in, [&](auto change) {
         return in.inspections.UpdateLiveCase(in.caller, *issue, in.Version(), change);
       });
     }},
    {"evidence", "", AddEvidence},
    {"evidence_update", "",
     [](const FormInput& in) {
       auto item = EvidenceItemOf(in);
       if (!item) return NotFound("No such evidence item");
       return UpdateFromForm(EvidenceRecord(), in, [&](auto change) {
         return in.inspections.UpdateEvidence(in.caller, *item, in.Version(), change);
       });
     }},
    {"review", "", ReviewEvidence},
    {"answer", "", AnswerQuery},
    {"attach", "", Attach},
};

}  // namespace inspection_pages

}  // namespace jointly::web
