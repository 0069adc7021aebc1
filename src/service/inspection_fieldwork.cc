// Use cases of stages 3 and 4 (M 18-28): the fieldwork arrangements every
// inspectorate agrees, clearances, the shared evidence register with its
// quality assurance (R15) and attachments, interviews (R16) and issues in
// live cases.
#include <algorithm>

#include "core/crypto.h"
#include "core/text.h"
#include "service/audit_trail.h"
#include "service/inspection_parts.h"
#include "service/inspection_service.h"
#include "store/decision_store.h"
#include "store/fieldwork_store.h"
#include "store/people_store.h"

namespace jointly {

using nlohmann::json;
using namespace inspection_parts;  // NOLINT(google-build-using-namespace)

namespace {

// Whether a site belongs to the inspection: InvalidArgument naming `field`
// if not.
Status CheckSiteOf(Transaction& tx, std::optional<int64_t> site_id, int64_t inspection_id) {
  if (!site_id) return OkStatus();
  auto site = GetRecord(tx, SiteRecord(), *site_id);
  if (!site.ok() || site->inspection_id != inspection_id) {
    return std::move(
        InvalidArgument("Choose one of the inspection's fieldwork sites", "unknown-site")
            .AddFieldError("site_id", "unknown-site",
                           "Choose one of the inspection's fieldwork sites"));
  }
  return OkStatus();
}

// R16's partner check: one inspectorate alone must take part.
Status CheckStaffing(const Inspection& inspection, const Interview& interview) {
  if (!interview.single_inspectorate || Participates(inspection, *interview.single_inspectorate)) {
    return OkStatus();
  }
  return std::move(InvalidArgument("Choose an inspectorate taking part", "not-participating")
                       .AddFieldError("single_inspectorate", "not-participating",
                                      "Choose an inspectorate taking part in the inspection"));
}

}  // namespace

json ToJson(const EvidenceReview& r) {
  return {{"id", r.id},
          {"evidence_id", r.evidence_id},
          {"evidence_version", r.evidence_version},
          {"inspectorate_id", r.inspectorate_id},
          {"state", ReviewStateId(r.state)},
          {"comment", r.comment},
          {"answer", r.answer},
          {"reviewed_by", r.reviewed_by},
          {"reviewed_at", r.reviewed_at},
          {"answered_by", r.answered_by ? json(r.answered_by) : json(nullptr)},
          {"answered_at", r.answered_at.empty() ? json(nullptr) : json(r.answered_at)},
          {"acting_as", r.acting_as},
          {"answered_as", r.answered_as}};
}

void InspectionService::RegisterArrangements() {
  DecisionKind kind;
  kind.ask = Permission::kRunInspections;
  // Agreeing the arrangements changes nothing but the agreement itself.
  kind.apply = [](Transaction&, const StoredDecision&, const Caller&, const std::string&) {
    return OkStatus();
  };
  kind.subject_version = [](Transaction& tx, int64_t inspection_id) -> StatusOr<int64_t> {
    ASSIGN_OR_RETURN(auto all, PartsOf(tx, ArrangementsRecord(), inspection_id));
    if (all.empty()) return NotFound("No fieldwork arrangements");
    return all.front().version;
  };
  kind.subject_json = [](const StoredDecision& d) {
    return OnInspection(d.subject_id, "/fieldwork", "See the fieldwork arrangements");
  };
  kind.seen_by = [this](Transaction& tx, const StoredDecision& d, const Caller& caller) {
    return SeesInspection(tx, caller, d.subject_id);
  };
  decisions_.Register(kArrangementsAgreement, std::move(kind));
}

Status InspectionService::ReadFieldwork(Transaction& tx, InspectionView& v, InspectionFacts& f,
                                        bool whole) {
  const int64_t id = v.inspection.id;
  ASSIGN_OR_RETURN(auto arrangements, PartsOf(tx, ArrangementsRecord(), id));
  if (!arrangements.empty()) v.arrangements = arrangements.front();
  ASSIGN_OR_RETURN(auto asked, AgreementsOn(tx, kArrangementsAgreement, id));
  v.arrangements_agreement = AgreementOf(asked, v.arrangements.version);
  if (whole) {
    RETURN_IF_ERROR(KeepDeclined(tx, v.arrangements_agreement, kArrangementsAgreement, v));
    ASSIGN_OR_RETURN(auto open, AwaitingOn(tx, kArrangementsAgreement, id));
    for (const auto& o : open) {
      ASSIGN_OR_RETURN(StoredDecision full, GetDecision(tx, o.decision.id));
      const auto waiting = full.decision.awaiting();
      v.pending.push_back(
          {o.decision.id, kArrangementsAgreement, {waiting.begin(), waiting.end()}});
    }
  }
  ASSIGN_OR_RETURN(v.clearances, PartsOf(tx, ClearanceRecord(), id));
  std::optional<Date> last_day;
  for (const auto& s : v.sites) {
    auto day =
        Date::Parse(s.fieldwork_ends_on.empty() ? s.fieldwork_starts_on : s.fieldwork_ends_on);
    if (day && (!last_day || day->DaysSince(*last_day) > 0)) last_day = day;
  }
  const Date today = Date::DayOf(clock_.NowMicros());
  v.clearance_warnings = ClearanceWarnings(v.clearances, last_day, today, v.people);
  for (const auto& c : v.clearances) {
    if (ClearanceLapsed(c, last_day, today)) v.expired_clearances.insert(c.id);
  }
  ASSIGN_OR_RETURN(v.visits, PartsOf(tx, VisitRecord(), id));
  ASSIGN_OR_RETURN(v.visit_places, PartsOf(tx, VisitPlaceRecord(), id));
  for (const auto& x : v.visits) {
    auto warnings = VisitClearanceWarnings(x, v.visit_places, v.clearances, today, v.people);
    if (!warnings.empty()) v.visit_warnings[x.id] = std::move(warnings);
  }
  ASSIGN_OR_RETURN(auto evidence, PartsOf(tx, EvidenceRecord(), id));
  ASSIGN_OR_RETURN(auto reviews, ReviewsOfInspection(tx, id));
  ASSIGN_OR_RETURN(v.interviews, PartsOf(tx, InterviewRecord(), id));

  f.arrangements_complete = CheckArrangementsComplete(v.arrangements).ok();
  f.arrangements = v.arrangements_agreement;
  f.clearances = static_cast<int>(v.clearances.size());
  f.clearance_warnings = static_cast<int>(v.clearance_warnings.size());
  f.interviews = static_cast<int>(v.interviews.size());
  // The stage's facts count everything, seen or not: the task list is the
  // same for everyone.
  f.evidence = static_cast<int>(evidence.size());
  f.evidence_assured = EvidenceAssured(v.inspection, evidence, reviews);
  v.evidence_version = EvidenceRegisterVersion(evidence);
  if (!whole) return OkStatus();

  ASSIGN_OR_RETURN(auto attachments, AttachmentsOfInspection(tx, id));
  std::set<int64_t> visible;
  for (auto& e : evidence) {
    if (!MaySee(v.standing, e.classification)) {
      ++v.withheld;
      continue;
    }
    visible.insert(e.id);
    v.evidence.push_back(std::move(e));
  }
  for (auto& r : reviews) {
    if (visible.count(r.evidence_id)) v.reviews.push_back(std::move(r));
  }
  for (auto& a : attachments) {
    if (visible.count(a.evidence_id)) v.attachments.push_back(std::move(a));
  }
  ASSIGN_OR_RETURN(auto live, PartsOf(tx, LiveCaseRecord(), id));
  const std::optional<int64_t> acting_for =
      v.fieldwork_under ? std::optional<int64_t>(v.fieldwork_under->delegating_inspectorate_id)
                        : std::nullopt;
  for (auto& l : live) {
    if (MaySeeLiveCase(v.standing, l, acting_for)) {
      v.live_cases.push_back(std::move(l));
    } else {
      ++v.live_cases_withheld;
    }
  }
  return OkStatus();
}

StatusOr<InspectionService::Context> InspectionService::LoadForFieldwork(Transaction& tx,
                                                                         const Caller& caller,
                                                                         int64_t inspection_id,
                                                                         const std::string& label,
                                                                         int64_t part_id) {
  auto c = Load(tx, caller, inspection_id);
  RETURN_IF_ERROR(Hidden(c.status(), label, part_id));
  return std::move(*c);
}

StatusOr<FieldworkArrangements> InspectionService::UpdateArrangements(
    const Caller& caller, int64_t inspection_id, int64_t version,
    const std::function<Status(FieldworkArrangements&)>& change) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  FieldworkArrangements after;
  int64_t arrangements_id = 0;  // the arrangements' own, which the audit trail names
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kPreFieldwork));
    ASSIGN_OR_RETURN(auto all, PartsOf(tx, ArrangementsRecord(), inspection_id));
    if (all.empty()) return NotFound("No fieldwork arrangements");
    arrangements_id = all.front().id;
    ASSIGN_OR_RETURN(after, arrangements_.UpdateIn(tx, caller, arrangements_id, version, change));
    return OkStatus();
  });
  if (s.code() == StatusCode::kAborted) {
    return ConflictDetail(db_, std::move(s), ArrangementsRecord().name, arrangements_id, version,
                          [&](Transaction& tx) -> StatusOr<json> {
                            ASSIGN_OR_RETURN(auto all,
                                             PartsOf(tx, ArrangementsRecord(), inspection_id));
                            if (all.empty()) return NotFound("No fieldwork arrangements");
                            return RecordJson(ArrangementsRecord(), all.front());
                          });
  }
  RETURN_IF_ERROR(s);
  return after;
}

StatusOr<DecisionView> InspectionService::AskArrangements(const Caller& caller,
                                                          int64_t inspection_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  DecisionRequest request;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kPreFieldwork));
    ASSIGN_OR_RETURN(auto all, PartsOf(tx, ArrangementsRecord(), inspection_id));
    if (all.empty()) return NotFound("No fieldwork arrangements");
    const FieldworkArrangements& a = all.front();
    RETURN_IF_ERROR(CheckArrangementsComplete(a));
    request.kind = kArrangementsAgreement;
    request.subject_id = inspection_id;
    request.subject_version = a.version;
    request.subject = "Agree the fieldwork arrangements of the joint inspection of " +
                      c.inspection.title + AsItStands(clock_);
    request.concerned = {c.inspection.participating.begin(), c.inspection.participating.end()};
    request.payload = json{{"inspection_id", inspection_id}}.dump();
    return OkStatus();
  }));
  return decisions_.Ask(caller, std::move(request));
}

StatusOr<Clearance> InspectionService::AddClearance(const Caller& caller, int64_t inspection_id,
                                                    Clearance clearance) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  clearance.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    // The team records clearances, or someone under a delegation of
    // fieldwork (R23) for the delegating inspectorate, which it then says.
    // Whoever goes on fieldwork: the team, and those exercising a
    // delegation of fieldwork, as members of the delegating inspectorate.
    const auto team =
        FieldworkTeam(c.inspection, c.team, c.delegations, Date::DayOf(clock_.NowMicros()));
    const auto member = std::find_if(team.begin(), team.end(), [&](const TeamMember& m) {
      return m.current() && m.user_id == clearance.user_id;
    });
    ASSIGN_OR_RETURN(
        Acting acting,
        RecordingFieldwork(
            tx, caller, c, clearance.delegation_id,
            member == team.end() ? std::nullopt : std::optional<int64_t>(member->inspectorate_id)));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kPreFieldwork));
    clearance.delegation_id =
        acting.who.under ? std::optional<int64_t>(acting.who.under->id) : std::nullopt;
    clearance.acting_as = acting.words;
    clearance.recorded_by = caller.user_id;
    RETURN_IF_ERROR(clearances_.Validate(nullptr, clearance));
    if (member == team.end()) {
      return std::move(InvalidArgument("Choose someone on the team", "not-on-team")
                           .AddFieldError("user_id", "not-on-team", "Choose someone on the team"));
    }
    // Each inspectorate records its own people's; the lead and stewards
    // anyone's.
    const bool lead = c.standing.lead_team && !acting.who.under;
    if (!lead && acting.who.inspectorate_id != member->inspectorate_id) {
      return PermissionDenied("Each inspectorate records its own people's clearances",
                              "own-inspectorate");
    }
    RETURN_IF_ERROR(CheckClearanceIsTheOnly(tx, clearance));
    return clearances_.CreateIn(tx, caller, clearance);
  }));
  return clearance;
}

namespace {

// The inspectorate whose person a clearance is of, on whoever goes on
// fieldwork (FieldworkTeam), if they are on it.
std::optional<int64_t> ClearanceInspectorate(const std::vector<TeamMember>& fieldwork_team,
                                             int64_t user_id) {
  for (const auto& m : fieldwork_team) {
    if (m.current() && m.user_id == user_id) return m.inspectorate_id;
  }
  return std::nullopt;
}

// What a record of fieldwork says of who made it: kept from `before` when
// the team changes it; the delegate's and their delegation's words when
// changed under a delegation (R23).
template <typename T, typename Acting>
void SayWhoChanged(const T& before, const Acting& acting, int64_t user_id, T& after) {
  if (!acting.who.under) {
    after.delegation_id = before.delegation_id;
    after.acting_as = before.acting_as;
    after.recorded_by = before.recorded_by;
    return;
  }
  after.delegation_id = acting.who.under->id;
  after.acting_as = acting.words;
  after.recorded_by = user_id;
}

}  // namespace

StatusOr<InspectionService::Acting> InspectionService::ChangingFieldwork(
    Transaction& tx, const Caller& caller, const Context& c, std::optional<int64_t> inspectorate) {
  if (CheckOnTeam(c.standing).ok()) return Acting{};
  const std::string refusal =
      "Under a delegation of fieldwork you change only what is recorded for the inspectorate "
      "that delegated it, on that inspection";
  if (!inspectorate) return PermissionDenied(refusal, "R23");
  Acting acting;
  ASSIGN_OR_RETURN(acting.who, ActingForInspectorate(c.inspection, c.standing, caller.user_id,
                                                     DelegatedFunction::kFieldwork, c.delegations,
                                                     Date::DayOf(clock_.NowMicros()), *inspectorate,
                                                     "R23", refusal));
  if (!acting.who.under) return acting;
  ASSIGN_OR_RETURN(acting.words, WordsOf(tx, *acting.who.under));
  return acting;
}

StatusOr<InspectionService::Acting> InspectionService::RecordingFieldwork(
    Transaction& tx, const Caller& caller, const Context& c, std::optional<int64_t> chosen,
    std::optional<int64_t> inspectorate) {
  if (!chosen && inspectorate && !CheckOnTeam(c.standing).ok()) {
    auto inferred = ChangingFieldwork(tx, caller, c, inspectorate);
    if (inferred.ok()) return inferred;
  }
  return ActingOf(tx, caller, c, DelegatedFunction::kFieldwork, chosen);
}

StatusOr<Clearance> InspectionService::UpdateClearance(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(Clearance&)>& change) {
  auto whose = [&](const Context& c, const Clearance& x) {
    return ClearanceInspectorate(
        FieldworkTeam(c.inspection, c.team, c.delegations, Date::DayOf(clock_.NowMicros())),
        x.user_id);
  };
  return UpdatePart<Clearance>(
      caller, clearances_, "clearance",
      [&](Transaction& tx, const Context& c, const Clearance& before) {
        return ChangingFieldwork(tx, caller, c, whose(c, before)).status();
      },
      id, version,
      [&](Transaction& tx, const Context& c, const Clearance& before, Clearance& x) {
        RETURN_IF_ERROR(change(x));
        x.user_id = before.user_id;  // the person stays the same
        ASSIGN_OR_RETURN(Acting acting, ChangingFieldwork(tx, caller, c, whose(c, before)));
        SayWhoChanged(before, acting, caller.user_id, x);
        return CheckClearanceIsTheOnly(tx, x);
      });
}

Status InspectionService::CheckClearanceIsTheOnly(Transaction& tx, const Clearance& clearance) {
  ASSIGN_OR_RETURN(auto all, PartsOf(tx, ClearanceRecord(), clearance.inspection_id));
  ASSIGN_OR_RETURN(User who, GetUser(tx, clearance.user_id));
  return CheckOneClearanceEach(clearance, all, who.name.empty() ? who.email : who.name);
}

Status InspectionService::DeleteClearance(const Caller& caller, int64_t id, int64_t version) {
  return DeletePart<Clearance>(caller, clearances_, "clearance", OnTeam<Clearance>, id, version);
}

StatusOr<Visit> InspectionService::AddVisit(const Caller& caller, int64_t inspection_id,
                                            Visit visit) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  visit.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckOnTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kPreFieldwork));
    // Every error at once: the visit's own fields, its site and its day.
    Status shape = visits_.Validate(nullptr, visit);
    auto site = GetRecord(tx, SiteRecord(), visit.site_id);
    if (!site.ok() || site->inspection_id != inspection_id) {
      Status unknown =
          std::move(InvalidArgument("Choose one of the inspection's sites", "unknown-site")
                        .AddFieldError("site_id", "unknown-site",
                                       "Choose one of the inspection's fieldwork sites"));
      return shape.ok() ? unknown : MergeFieldErrors(shape, unknown);
    }
    Status window = CheckVisitWindow(visit, *site);
    if (!shape.ok()) return window.ok() ? shape : MergeFieldErrors(shape, window);
    RETURN_IF_ERROR(window);
    return visits_.CreateIn(tx, caller, visit);
  }));
  return visit;
}

Status InspectionService::DeleteVisit(const Caller& caller, int64_t id, int64_t version) {
  // A member of the team deletes a visit; its team goes first, in the same
  // transaction, as the team names the visit.
  auto team_first = [this, &caller](Transaction& tx, const Context& c,
                                    const Visit& before) -> Status {
    RETURN_IF_ERROR(CheckOnTeam(c.standing));
    ASSIGN_OR_RETURN(auto places, PartsOf(tx, VisitPlaceRecord(), before.inspection_id));
    for (const auto& p : places) {
      if (p.visit_id != before.id) continue;
      RETURN_IF_ERROR(visit_places_.DeleteIn(tx, caller, p.id, p.version));
    }
    return OkStatus();
  };
  return DeletePart<Visit>(caller, visits_, "fieldwork visit", team_first, id, version);
}

StatusOr<VisitPlace> InspectionService::AddVisitPlace(const Caller& caller, int64_t visit_id,
                                                      VisitPlace place) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Visit visit, GetRecord(tx, VisitRecord(), visit_id));
    ASSIGN_OR_RETURN(
        Context c, LoadForFieldwork(tx, caller, visit.inspection_id, "fieldwork visit", visit_id));
    const Date today = Date::DayOf(clock_.NowMicros());
    // The team places people on a visit, as does someone under a delegation
    // of fieldwork (R23).
    RETURN_IF_ERROR(ActingForOf(c.inspection, c.standing, caller.user_id,
                                DelegatedFunction::kFieldwork, c.delegations, today, std::nullopt)
                        .status());
    place.inspection_id = visit.inspection_id;
    place.visit_id = visit_id;
    RETURN_IF_ERROR(visit_places_.Validate(nullptr, place));
    ASSIGN_OR_RETURN(auto all, PartsOf(tx, VisitPlaceRecord(), visit.inspection_id));
    std::vector<VisitPlace> same;
    for (auto& p : all) {
      if (p.visit_id == visit_id) same.push_back(std::move(p));
    }
    // R23: someone under a delegation of fieldwork visits for the
    // delegating inspectorate, as one of a joint pair, and the place says so.
    const auto team = FieldworkTeam(c.inspection, c.team, c.delegations, today);
    Status pair = CheckDelegateInPair(place, c.team, team);
    RETURN_IF_ERROR(MergeFieldErrors(CheckVisitPlace(place, team, same), pair));
    place.acting_as.clear();
    for (std::optional<int64_t> who : {std::optional<int64_t>(place.user_id), place.partner_id}) {
      if (!who) continue;
      const bool member = std::any_of(c.team.begin(), c.team.end(), [&](const TeamMember& m) {
        return m.current() && m.user_id == *who;
      });
      const auto under = FieldworkDelegationOf(c.inspection, c.delegations, *who, today);
      if (member || !under) continue;
      ASSIGN_OR_RETURN(User person, GetUser(tx, *who));
      ASSIGN_OR_RETURN(std::string words, WordsOf(tx, *under));
      if (!place.acting_as.empty()) place.acting_as += "; ";
      place.acting_as += person.name + " " + words;
    }
    return visit_places_.CreateIn(tx, caller, place);
  }));
  return place;
}

Status InspectionService::DeleteVisitPlace(const Caller& caller, int64_t id, int64_t version) {
  return DeletePart<VisitPlace>(caller, visit_places_, "place on a visit's team",
                                OnTeam<VisitPlace>, id, version);
}

StatusOr<EvidenceItem> InspectionService::AddEvidence(const Caller& caller, int64_t inspection_id,
                                                      EvidenceItem item) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  item.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    // Evidence is recorded by the team, each for its own inspectorate, or
    // under a delegation of fieldwork for the inspectorate that made it
    // (R23), which the item then says.
    ASSIGN_OR_RETURN(Acting acting,
                     ActingOf(tx, caller, c, DelegatedFunction::kFieldwork, item.delegation_id));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kPreFieldwork));
    item.recorded_for = acting.who.inspectorate_id;
    item.delegation_id =
        acting.who.under ? std::optional<int64_t>(acting.who.under->id) : std::nullopt;
    item.acting_as = acting.words;
    item.recorded_by = caller.user_id;
    Status shape = MergeFieldErrors(evidence_.Validate(nullptr, item),
                                    CheckGatheredBy(item, Date::DayOf(clock_.NowMicros())));
    Status site = CheckSiteOf(tx, item.site_id, inspection_id);
    if (!site.ok()) return shape.ok() ? site : MergeFieldErrors(shape, site);
    RETURN_IF_ERROR(shape);
    return evidence_.CreateIn(tx, caller, item);
  }));
  return item;
}

StatusOr<EvidenceItem> InspectionService::UpdateEvidence(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(EvidenceItem&)>& change) {
  auto check = [&](Transaction& tx, const Context& c, const EvidenceItem& before) {
    RETURN_IF_ERROR(
        CheckMaySee(c.standing, before.classification, "evidence item " + std::to_string(id)));
    RETURN_IF_ERROR(RefuseIfDestroyed(tx, before.inspection_id, {id}));
    // R23: what was recorded under a delegation is changed by its recorder
    // while the delegation is in force.
    if (before.delegation_id && before.recorded_by == caller.user_id &&
        HoldsDelegation(c.delegations, before.inspection_id, caller.user_id,
                        Date::DayOf(clock_.NowMicros()))) {
      return OkStatus();
    }
    if (!c.standing.on_team || c.standing.inspectorate != before.recorded_for) {
      return PermissionDenied(
          "Only the team of the inspectorate that recorded it changes an "
          "evidence item; others raise a query",
          "own-inspectorate");
    }
    return OkStatus();
  };
  return UpdatePart<EvidenceItem>(
      caller, evidence_, "evidence item", check, id, version,
      [&](Transaction& tx, const Context&, const EvidenceItem& before, EvidenceItem& x) {
        RETURN_IF_ERROR(change(x));
        x.recorded_for = before.recorded_for;
        x.recorded_by = before.recorded_by;
        x.delegation_id = before.delegation_id;
        x.acting_as = before.acting_as;
        return MergeFieldErrors(CheckGatheredBy(x, Date::DayOf(clock_.NowMicros())),
                                CheckSiteOf(tx, x.site_id, before.inspection_id));
      });
}

StatusOr<EvidenceReview> InspectionService::Review(const Caller& caller, int64_t evidence_id,
                                                   int64_t version, EvidenceReview review) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  Status s = db_.Write([&](Transaction& tx) -> Status {
    auto item = GetRecord(tx, EvidenceRecord(), evidence_id);
    RETURN_IF_ERROR(Hidden(item.status(), "evidence item", evidence_id));
    ASSIGN_OR_RETURN(
        Context c, LoadForFieldwork(tx, caller, item->inspection_id, "evidence item", evidence_id));
    RETURN_IF_ERROR(CheckMaySee(c.standing, item->classification,
                                "evidence item " + std::to_string(evidence_id)));
    RETURN_IF_ERROR(RefuseIfDestroyed(tx, item->inspection_id, {evidence_id}));
    // R23: a review is given for the caller's inspectorate, or under a
    // delegation of quality assurance for the inspectorate that made it.
    ASSIGN_OR_RETURN(Acting acting, ActingOf(tx, caller, c, DelegatedFunction::kQualityAssurance,
                                             review.delegation_id));
    Standing acting_standing = c.standing;
    acting_standing.inspectorate = acting.who.inspectorate_id;
    RETURN_IF_ERROR(CheckReview(c.inspection, acting_standing, review));
    if (item->version != version) {
      return Aborted(
          "The evidence item changed since you read it: read it again before you "
          "review it",
          "stale-version");
    }
    review.evidence_id = evidence_id;
    review.evidence_version = item->version;
    review.inspectorate_id = acting.who.inspectorate_id;
    review.acting_as = acting.words;
    review.reviewed_by = caller.user_id;
    review.reviewed_at = NowText(clock_);
    ASSIGN_OR_RETURN(review.id, InsertReview(tx, review));
    return RecordChange(tx, clock_, caller, "review", EvidenceRecord().name, evidence_id, nullptr,
                        ToJson(review));
  });
  if (s.code() == StatusCode::kAborted) {
    return ConflictDetail(db_, std::move(s), EvidenceRecord().name, evidence_id, version,
                          [&](Transaction& tx) -> StatusOr<json> {
                            ASSIGN_OR_RETURN(EvidenceItem now,
                                             GetRecord(tx, EvidenceRecord(), evidence_id));
                            return RecordJson(EvidenceRecord(), now);
                          });
  }
  RETURN_IF_ERROR(s);
  return review;
}

StatusOr<EvidenceReview> InspectionService::AnswerQuery(const Caller& caller, int64_t review_id,
                                                        const std::string& answer) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  EvidenceReview review;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(review, GetReview(tx, review_id));
    auto item = GetRecord(tx, EvidenceRecord(), review.evidence_id);
    RETURN_IF_ERROR(Hidden(item.status(), "query", review_id));
    ASSIGN_OR_RETURN(Context c,
                     LoadForFieldwork(tx, caller, item->inspection_id, "query", review_id));
    RETURN_IF_ERROR(CheckMaySee(c.standing, item->classification,
                                "query on evidence item " + std::to_string(review_id)));
    RETURN_IF_ERROR(RefuseIfDestroyed(tx, item->inspection_id, {review.evidence_id}));
    if (review.state != ReviewState::kQueryRaised) {
      return FailedPrecondition("Only a query is answered", "not-a-query");
    }
    // The team of the inspectorate that recorded the evidence answers, or
    // someone under its delegation of fieldwork (R23), which the answer
    // then says.
    ASSIGN_OR_RETURN(
        ActingFor who,
        ActingForInspectorate(
            c.inspection, c.standing, caller.user_id, DelegatedFunction::kFieldwork, c.delegations,
            Date::DayOf(clock_.NowMicros()), item->recorded_for, "own-inspectorate",
            "The inspectorate that recorded the evidence answers queries on it"));
    Validation v;
    v.Text("answer", answer, kMaxReviewText, true, "the answer");
    RETURN_IF_ERROR(v.Finish());
    review.answer = answer;
    review.answered_by = caller.user_id;
    review.answered_at = NowText(clock_);
    review.answered_as.clear();
    if (who.under) {
      ASSIGN_OR_RETURN(review.answered_as, WordsOf(tx, *who.under));
    }
    RETURN_IF_ERROR(AnswerReview(tx, review));
    return RecordChange(tx, clock_, caller, "answer", EvidenceRecord().name, review.evidence_id,
                        nullptr, ToJson(review));
  }));
  return review;
}

StatusOr<Attachment> InspectionService::Attach(const Caller& caller, int64_t evidence_id,
                                               const std::string& filename,
                                               const std::string& content) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  Attachment a;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    auto item = GetRecord(tx, EvidenceRecord(), evidence_id);
    RETURN_IF_ERROR(Hidden(item.status(), "evidence item", evidence_id));
    ASSIGN_OR_RETURN(
        Context c, LoadForFieldwork(tx, caller, item->inspection_id, "evidence item", evidence_id));
    RETURN_IF_ERROR(CheckMaySee(c.standing, item->classification,
                                "evidence item " + std::to_string(evidence_id)));
    RETURN_IF_ERROR(RefuseIfDestroyed(tx, item->inspection_id, {evidence_id}));
    if (!c.standing.on_team || c.standing.inspectorate != item->recorded_for) {
      return PermissionDenied(
          "The team of the inspectorate that recorded the evidence attaches "
          "files to it",
          "own-inspectorate");
    }
    ASSIGN_OR_RETURN(a.content_type, CheckAttachment(filename, content));
    a.evidence_id = evidence_id;
    a.filename = filename;
    a.size = static_cast<int64_t>(content.size());
    a.sha256 = Sha256Hex(content);
    a.uploaded_by = caller.user_id;
    a.uploaded_at = NowText(clock_);
    ASSIGN_OR_RETURN(a.id, InsertAttachment(tx, a, content));
    // A file added is a change to the item: every inspectorate is asked
    // to quality-assure it again (R15).
    RETURN_IF_ERROR(BumpEvidenceVersion(tx, evidence_id, NowText(clock_)).status());
    return RecordChange(tx, clock_, caller, "attach", EvidenceRecord().name, evidence_id, nullptr,
                        json{{"attachment_id", a.id},
                             {"filename", a.filename},
                             {"size", a.size},
                             {"sha256", a.sha256}});
  }));
  return a;
}

StatusOr<AttachmentFile> InspectionService::AttachmentOf(const Caller& caller,
                                                         int64_t attachment_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  AttachmentFile out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, GetAttachment(tx, attachment_id));
    auto item = GetRecord(tx, EvidenceRecord(), found.first.evidence_id);
    RETURN_IF_ERROR(Hidden(item.status(), "attachment", attachment_id));
    ASSIGN_OR_RETURN(
        Context c, LoadForFieldwork(tx, caller, item->inspection_id, "attachment", attachment_id));
    RETURN_IF_ERROR(CheckMaySee(c.standing, item->classification,
                                "attachment " + std::to_string(attachment_id)));
    out.attachment = std::move(found.first);
    out.content = std::move(found.second);
    out.classification = item->classification;
    return OkStatus();
  }));
  return out;
}

StatusOr<Interview> InspectionService::AddInterview(const Caller& caller, int64_t inspection_id,
                                                    Interview interview) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  interview.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    // The team records interviews and focus groups, or someone under a
    // delegation of fieldwork (R23), which the record then says.
    ASSIGN_OR_RETURN(Acting acting, RecordingFieldwork(tx, caller, c, interview.delegation_id,
                                                       interview.single_inspectorate));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kPreFieldwork));
    interview.delegation_id =
        acting.who.under ? std::optional<int64_t>(acting.who.under->id) : std::nullopt;
    interview.acting_as = acting.words;
    interview.recorded_by = caller.user_id;
    Status shape = interviews_.Validate(nullptr, interview);
    Status site = CheckSiteOf(tx, interview.site_id, inspection_id);
    if (!site.ok()) return shape.ok() ? site : MergeFieldErrors(shape, site);
    RETURN_IF_ERROR(shape);
    RETURN_IF_ERROR(CheckStaffing(c.inspection, interview));
    return interviews_.CreateIn(tx, caller, interview);
  }));
  return interview;
}

StatusOr<InspectionService::Acting> InspectionService::ChangingInterview(Transaction& tx,
                                                                         const Caller& caller,
                                                                         const Context& c,
                                                                         const Interview& before) {
  if (CheckOnTeam(c.standing).ok()) return Acting{};
  // R23: whoever recorded it under a delegation changes it under that
  // delegation while it is in force.
  if (before.delegation_id && before.recorded_by == caller.user_id) {
    auto acting = ActingOf(tx, caller, c, DelegatedFunction::kFieldwork, before.delegation_id);
    if (acting.ok() || acting.status().code() != StatusCode::kPermissionDenied) return acting;
  }
  return PermissionDenied(
      "An interview or focus group is changed by the team, or by whoever recorded it under a "
      "delegation of fieldwork while that delegation is in force",
      "R23");
}

StatusOr<Interview> InspectionService::UpdateInterview(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(Interview&)>& change) {
  return UpdatePart<Interview>(
      caller, interviews_, "interview",
      [&](Transaction& tx, const Context& c, const Interview& before) {
        return ChangingInterview(tx, caller, c, before).status();
      },
      id, version,
      [&](Transaction& tx, const Context& c, const Interview& before, Interview& x) {
        RETURN_IF_ERROR(change(x));
        ASSIGN_OR_RETURN(Acting acting, ChangingInterview(tx, caller, c, before));
        SayWhoChanged(before, acting, caller.user_id, x);
        RETURN_IF_ERROR(CheckSiteOf(tx, x.site_id, before.inspection_id));
        return CheckStaffing(c.inspection, x);
      });
}

StatusOr<LiveCaseIssue> InspectionService::AddLiveCase(const Caller& caller, int64_t inspection_id,
                                                       LiveCaseIssue issue) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  issue.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    // The team records issues in live cases, or someone under a delegation
    // of fieldwork (R23), which the record then says.
    ASSIGN_OR_RETURN(Acting acting,
                     ActingOf(tx, caller, c, DelegatedFunction::kFieldwork, issue.delegation_id));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kPreFieldwork));
    issue.delegation_id =
        acting.who.under ? std::optional<int64_t>(acting.who.under->id) : std::nullopt;
    issue.acting_as = acting.words;
    issue.recorded_by = caller.user_id;
    issue.recorded_for = acting.who.inspectorate_id > 0
                             ? std::optional<int64_t>(acting.who.inspectorate_id)
                             : std::nullopt;
    Status shape = live_cases_.Validate(nullptr, issue);
    Status site = CheckSiteOf(tx, issue.site_id, inspection_id);
    if (!site.ok()) return shape.ok() ? site : MergeFieldErrors(shape, site);
    RETURN_IF_ERROR(shape);
    return live_cases_.CreateIn(tx, caller, issue);
  }));
  return issue;
}

StatusOr<LiveCaseIssue> InspectionService::UpdateLiveCase(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(LiveCaseIssue&)>& change) {
  return UpdatePart<LiveCaseIssue>(
      caller, live_cases_, "issue in a live case",
      [&](Transaction& tx, const Context& c, const LiveCaseIssue& before) {
        return ChangingFieldwork(tx, caller, c, before.recorded_for).status();
      },
      id, version,
      [&](Transaction& tx, const Context& c, const LiveCaseIssue& before, LiveCaseIssue& x) {
        RETURN_IF_ERROR(change(x));
        ASSIGN_OR_RETURN(Acting acting, ChangingFieldwork(tx, caller, c, before.recorded_for));
        SayWhoChanged(before, acting, caller.user_id, x);
        x.recorded_for = before.recorded_for;
        Status shape = live_cases_.Validate(&before, x);
        Status site = CheckSiteOf(tx, x.site_id, before.inspection_id);
        if (!site.ok()) return shape.ok() ? site : MergeFieldErrors(shape, site);
        return shape;
      });
}

}  // namespace jointly
