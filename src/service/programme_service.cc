#include "service/programme_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "core/embedded.h"
#include "core/text.h"
#include "domain/csv.h"
#include "domain/governance.h"
#include "service/audit_trail.h"
#include "service/programme_json.h"
#include "service/record_service.h"
#include "store/audit_store.h"
#include "store/consultation_store.h"
#include "store/directory_store.h"
#include "store/people_store.h"
#include "store/released_store.h"

namespace jointly::embedded {
const FileMap& ReferenceData();
}

namespace jointly {

using nlohmann::json;

namespace {

constexpr const char* kCriteriaLoad = "criteria-sets-v1";
constexpr const char* kDemoLoad = "demo-programme-2017-18";

std::string Now(const Clock& clock) { return FormatTimestamp(clock.NowMicros()); }

StatusOr<bool> AlreadyLoaded(Transaction& tx, const char* name) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT name FROM reference_data_loads WHERE name = ?", {name}));
  return !rows.empty();
}

Status MarkLoaded(Transaction& tx, const char* name, const std::string& now) {
  return tx.Execute("INSERT INTO reference_data_loads (name, loaded_at) VALUES (?, ?)", {name, now})
      .status();
}

// The set asked for, or the newest plan's, or the first shipped.
StatusOr<CriteriaSet> SetFor(Transaction& tx, int64_t id) {
  if (id != 0) {
    // Asked for by the request (a query or a body), not by its address.
    auto set = GetCriteriaSet(tx, id);
    if (!set.ok()) {
      return UnknownReference(set.status(), "criteria_set_id", "unknown-criteria-set",
                              "Criteria set " + std::to_string(id) + " does not exist");
    }
    return set;
  }
  return CurrentCriteriaSet(tx);
}

std::string NameOf(const std::vector<Inspectorate>& all, int64_t id) {
  for (const auto& i : all) {
    if (i.id == id) return i.short_name;
  }
  return "inspectorate " + std::to_string(id);
}

const Inspectorate* Find(const std::vector<Inspectorate>& all, int64_t id) {
  for (const auto& i : all) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

std::set<int64_t> OpenCjInspectorates(const std::vector<Inspectorate>& all) {
  std::set<int64_t> out;
  for (const auto& i : all) {
    if (i.kind == InspectorateKind::kCriminalJustice && i.is_open()) out.insert(i.id);
  }
  return out;
}

// Participants must be open inspectorates or joint bodies; clashes must
// name other proposals.
Status CheckReferences(Transaction& tx, const Proposal& p, const std::vector<Inspectorate>& all) {
  Validation v;
  for (size_t i = 0; i < p.participants.size(); ++i) {
    const Inspectorate* found = Find(all, p.participants[i].inspectorate_id);
    const std::string field = "participants[" + std::to_string(i) + "].inspectorate_id";
    if (!found) {
      v.Add(field, "unknown-inspectorate",
            "Inspectorate " + std::to_string(p.participants[i].inspectorate_id) +
                " does not exist; choose an inspectorate or joint body");
    } else if (!found->is_open()) {
      v.Add(field, "closed-inspectorate", found->short_name + " has closed");
    }
  }
  for (size_t i = 0; i < p.clashes_with.size(); ++i) {
    const int64_t other = p.clashes_with[i];
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM proposals WHERE id = ?", {other}));
    if (rows.empty()) {
      v.Add("clashes_with[" + std::to_string(i) + "]", "unknown-proposal",
            "Proposal " + std::to_string(other) + " does not exist");
    }
  }
  if (Status cj = CheckCollaborativeInvolvesCj(p, all); !cj.ok()) {
    for (const auto& e : cj.field_errors()) v.Add(e.field, e.rule, e.message);
  }
  return v.Finish();
}

// A plan's criteria set, named in its body, must exist.
Status CriteriaSetExists(Transaction& tx, int64_t id) { return SetFor(tx, id).status(); }

// Each inspectorate a plan gives capacity for must exist; each that does
// not is named as the plan's validation names capacity ("capacity.12").
Status CapacityInspectoratesExist(Transaction& tx, const Plan& plan) {
  Validation v;
  for (const auto& [inspectorate, days] : plan.capacity) {
    const Status found = jointly::GetInspectorate(tx, inspectorate).status();
    if (found.code() == StatusCode::kNotFound) {
      v.Add("capacity." + std::to_string(inspectorate), "unknown-inspectorate",
            "Inspectorate " + std::to_string(inspectorate) + " does not exist");
    } else {
      RETURN_IF_ERROR(found);
    }
  }
  return v.Finish("The plan names inspectorates that do not exist");
}

// The day a plan was published: the day its copy was released for the
// public website; none for a plan not published.
StatusOr<Date> PublishedOn(Transaction& tx, const Plan& plan) {
  if (plan.state != PlanState::kPublished) return Date();
  ASSIGN_OR_RETURN(auto copy, GetReleased(tx, kReleasedBusinessPlan, std::to_string(plan.id)));
  if (!copy) return Date();
  return Date::ParseOrNone(std::string_view(copy->released_at).substr(0, 10));
}

// The plan, to change its programme, capacity, texts or version: refused
// once it is published (rule published-plan-frozen). Every write to a plan
// reads it through here.
StatusOr<Plan> PlanToChange(Transaction& tx, int64_t plan_id) {
  ASSIGN_OR_RETURN(Plan plan, jointly::GetPlan(tx, plan_id));
  ASSIGN_OR_RETURN(Date published_on, PublishedOn(tx, plan));
  RETURN_IF_ERROR(CheckPlanMayChange(plan, published_on));
  return plan;
}

// The day the plan's draft last went to CJ Ministers, from its audit trail;
// none for a plan that has not gone to them.
StatusOr<Date> SentToMinistersOn(Transaction& tx, const Plan& plan) {
  if (plan.state != PlanState::kWithMinisters && plan.state != PlanState::kPublished) {
    return Date();
  }
  ASSIGN_OR_RETURN(auto history, AuditOf(tx, "plan", plan.id));
  Date sent;
  for (const auto& e : history) {
    if (e.action == "send-to-ministers")
      sent = Date::ParseOrNone(std::string_view(e.at).substr(0, 10));
  }
  return sent;
}

// Each published plan whose programme holds the proposal, with the day it
// was published.
StatusOr<std::vector<std::pair<Plan, Date>>> PublishedPlansHolding(Transaction& tx,
                                                                   int64_t proposal_id) {
  ASSIGN_OR_RETURN(auto plans, ListPlans(tx));
  std::vector<std::pair<Plan, Date>> out;
  for (const auto& listed : plans) {
    if (listed.state != PlanState::kPublished) continue;
    ASSIGN_OR_RETURN(Plan plan, jointly::GetPlan(tx, listed.id));
    const bool holds = std::any_of(plan.items.begin(), plan.items.end(),
                                   [&](const PlanItem& i) { return i.proposal_id == proposal_id; });
    if (!holds) continue;
    ASSIGN_OR_RETURN(Date published_on, PublishedOn(tx, plan));
    out.emplace_back(std::move(plan), published_on);
  }
  return out;
}

// A change to a proposal keeps what each published plan whose programme
// holds it publishes of it (rule published-plan-frozen).
Status KeepsPublishedPlans(Transaction& tx, const Proposal& before, const Proposal& changed) {
  ASSIGN_OR_RETURN(auto holding, PublishedPlansHolding(tx, before.id));
  for (const auto& [plan, published_on] : holding) {
    RETURN_IF_ERROR(CheckPublishedProposalKept(plan, published_on, before, changed));
  }
  return OkStatus();
}

// Whether a change to a plan leaves what its form and API edit as it was.
bool SameEditableFields(const Plan& a, const Plan& b) {
  return a.criteria_set_id == b.criteria_set_id && a.introduction == b.introduction &&
         a.context == b.context && a.min_process_coverage == b.min_process_coverage &&
         a.victim_waiver == b.victim_waiver && a.capacity == b.capacity;
}

// A proposal in a published plan's programme stays in it: it is not forced
// in or out (rule published-plan-frozen).
Status NotForcedOnceHeld(Transaction& tx, int64_t proposal_id) {
  ASSIGN_OR_RETURN(auto holding, PublishedPlansHolding(tx, proposal_id));
  for (const auto& [plan, published_on] : holding) {
    RETURN_IF_ERROR(CheckPlanMayChange(plan, published_on));
  }
  return OkStatus();
}

ProposalView MakeView(const Proposal& p, const std::vector<Inspectorate>& all,
                      const CriteriaSet& set, std::vector<RepresentativeScore> scores) {
  ProposalView v;
  v.proposal = p;
  v.tests = RunQualifyingTests(p, all);
  v.qualifies = Qualifies(v.tests);
  v.scoring = CombineScores(set, std::move(scores));
  return v;
}

// The proposals that pass `filter`, scored on the set asked for.
StatusOr<std::vector<ProposalView>> ReadProposals(Transaction& tx, const ProposalFilter& filter,
                                                  int64_t criteria_set_id,
                                                  const std::vector<Inspectorate>& inspectorates) {
  ASSIGN_OR_RETURN(CriteriaSet set, SetFor(tx, criteria_set_id));
  ASSIGN_OR_RETURN(auto proposals, ListProposals(tx, filter, set.id));
  ASSIGN_OR_RETURN(auto scores, ScoresBySet(tx, set, &filter));
  std::vector<ProposalView> out;
  out.reserve(proposals.size());
  for (const auto& p : proposals) {
    auto it = scores.find(p.id);
    out.push_back(
        MakeView(p, inspectorates, set,
                 it == scores.end() ? std::vector<RepresentativeScore>{} : std::move(it->second)));
  }
  return out;
}

// A page of the proposals that pass `filter`, scored on the set asked for.
StatusOr<ProposalViews> ReadProposalPage(Transaction& tx, const ProposalFilter& filter,
                                         int64_t criteria_set_id, int64_t limit, int64_t offset,
                                         const std::vector<Inspectorate>& inspectorates) {
  ASSIGN_OR_RETURN(CriteriaSet set, SetFor(tx, criteria_set_id));
  ASSIGN_OR_RETURN(ProposalList page, ListProposals(tx, filter, set.id, limit, offset));
  std::vector<int64_t> ids;
  for (const auto& p : page.items) ids.push_back(p.id);
  ASSIGN_OR_RETURN(auto scores, ScoresOfProposals(tx, set, ids));
  ProposalViews out;
  out.total = page.total;
  out.items.reserve(page.items.size());
  for (const auto& p : page.items) {
    auto it = scores.find(p.id);
    out.items.push_back(
        MakeView(p, inspectorates, set,
                 it == scores.end() ? std::vector<RepresentativeScore>{} : std::move(it->second)));
  }
  return out;
}

// One proposal scored on `set`.
StatusOr<ProposalView> ReadProposal(Transaction& tx, int64_t id, const CriteriaSet& set,
                                    const std::vector<Inspectorate>& inspectorates) {
  ASSIGN_OR_RETURN(Proposal p, jointly::GetProposal(tx, id));
  ASSIGN_OR_RETURN(auto scores, ScoresOf(tx, id, set));
  return MakeView(p, inspectorates, set, std::move(scores));
}

}  // namespace

// Proposals.

StatusOr<std::vector<ProposalView>> ProgrammeService::Proposals(const Caller& caller,
                                                                const ProposalFilter& filter,
                                                                int64_t criteria_set_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<ProposalView> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    ASSIGN_OR_RETURN(out, ReadProposals(tx, filter, criteria_set_id, inspectorates));
    return OkStatus();
  }));
  return out;
}

StatusOr<ProposalViews> ProgrammeService::Proposals(const Caller& caller,
                                                    const ProposalFilter& filter,
                                                    int64_t criteria_set_id, int64_t limit,
                                                    int64_t offset) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  ProposalViews out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    ASSIGN_OR_RETURN(out,
                     ReadProposalPage(tx, filter, criteria_set_id, limit, offset, inspectorates));
    return OkStatus();
  }));
  return out;
}

StatusOr<LongListPage> ProgrammeService::ViewLongList(const Caller& caller,
                                                      const ProposalFilter& filter,
                                                      int64_t criteria_set_id, int64_t limit,
                                                      int64_t offset) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  LongListPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.inspectorates, ListInspectorates(tx));
    ASSIGN_OR_RETURN(ProposalViews page, ReadProposalPage(tx, filter, criteria_set_id, limit,
                                                          offset, out.inspectorates));
    out.proposals = std::move(page.items);
    out.total = page.total;
    return OkStatus();
  }));
  return out;
}

namespace {

// The last question of `kind` on `subject`, when an inspectorate declined
// it (and it has not lapsed), naming who declined it in `people`.
StatusOr<std::optional<StoredDecision>> DeclinedOn(Transaction& tx, const char* kind,
                                                   int64_t subject,
                                                   std::map<int64_t, std::string>& people) {
  ASSIGN_OR_RETURN(auto last, NewestOn(tx, kind, subject));
  if (!last || last->decision.state() != DecisionState::kDeclined ||
      !last->decision.lapsed_at.empty()) {
    return std::optional<StoredDecision>();
  }
  for (const auto& [inspectorate, answer] : last->decision.responses) {
    if (auto who = GetUser(tx, answer.by_user_id); who.ok()) {
      people[who->id] = who->name.empty() ? who->email : who->name;
    }
  }
  return last;
}

}  // namespace

StatusOr<ProposalPage> ProgrammeService::ViewProposal(const Caller& caller, int64_t proposal_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  ProposalPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.inspectorates, ListInspectorates(tx));
    ASSIGN_OR_RETURN(CriteriaSet set, SetFor(tx, 0));
    ASSIGN_OR_RETURN(out.view, ReadProposal(tx, proposal_id, set, out.inspectorates));
    ASSIGN_OR_RETURN(out.said, ResponsesAbout(tx, proposal_id));
    KeepWhatCallerMayRead(caller, out.said);
    ASSIGN_OR_RETURN(out.history, AuditOf(tx, "proposal", proposal_id));
    ASSIGN_OR_RETURN(out.criteria_sets, ListCriteriaSets(tx));
    ASSIGN_OR_RETURN(auto users, ListUsers(tx));
    for (const auto& u : users) out.people[u.id] = u.name.empty() ? u.email : u.name;
    // Only titles: not every proposal's details.
    ASSIGN_OR_RETURN(out.titles, ListProposalTitles(tx));
    ASSIGN_OR_RETURN(out.published_in, PublishedPlansHolding(tx, proposal_id));
    ASSIGN_OR_RETURN(out.declined_force,
                     DeclinedOn(tx, kProgrammeDecisionKinds[2].id, proposal_id, out.people));
    return OkStatus();
  }));
  return out;
}

StatusOr<ProposalFormPage> ProgrammeService::ViewProposalForm(const Caller& caller,
                                                              std::optional<int64_t> proposal_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditProgramme));
  ProposalFormPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    if (proposal_id) {
      ASSIGN_OR_RETURN(out.proposal, jointly::GetProposal(tx, *proposal_id));
      ASSIGN_OR_RETURN(out.published_in, PublishedPlansHolding(tx, *proposal_id));
    }
    ASSIGN_OR_RETURN(out.all, ListProposals(tx));
    ASSIGN_OR_RETURN(out.inspectorates, ListInspectorates(tx));
    return OkStatus();
  }));
  return out;
}

StatusOr<ScoringPage> ProgrammeService::ViewScoring(const Caller& caller, int64_t proposal_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kScoreProposals));
  ScoringPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.inspectorates, ListInspectorates(tx));
    ASSIGN_OR_RETURN(out.set, SetFor(tx, 0));
    ASSIGN_OR_RETURN(out.view, ReadProposal(tx, proposal_id, out.set, out.inspectorates));
    ASSIGN_OR_RETURN(out.said, ResponsesAbout(tx, proposal_id));
    KeepWhatCallerMayRead(caller, out.said);
    return OkStatus();
  }));
  return out;
}

StatusOr<PlanPage> ProgrammeService::ViewPlan(const Caller& caller, int64_t plan_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  PlanPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.plan, jointly::GetPlan(tx, plan_id));
    ASSIGN_OR_RETURN(out.published_on, PublishedOn(tx, out.plan));
    ASSIGN_OR_RETURN(out.sent_to_ministers_on, SentToMinistersOn(tx, out.plan));
    ASSIGN_OR_RETURN(auto programmed, ProposalsInPlan(tx, plan_id));
    for (auto& p : programmed) out.programmed.emplace(p.id, std::move(p));
    ASSIGN_OR_RETURN(out.inspectorates, ListInspectorates(tx));
    ASSIGN_OR_RETURN(out.runs, RunsOfPlan(tx, plan_id, 20));
    ASSIGN_OR_RETURN(out.comments, CommentsOfPlan(tx, plan_id));
    if (out.plan.state == PlanState::kDraft) {
      ASSIGN_OR_RETURN(auto awaiting, AwaitingOn(tx, kProgrammeDecisionKinds[0].id, plan_id));
      for (auto& a : awaiting) {
        if (a.subject_version && *a.subject_version != out.plan.version) continue;
        out.open_approval = std::move(a);
        break;
      }
      if (!out.open_approval) {
        ASSIGN_OR_RETURN(out.declined_approval,
                         DeclinedOn(tx, kProgrammeDecisionKinds[0].id, plan_id, out.people));
      }
    }
    if (out.plan.state == PlanState::kWithMinisters) {
      ASSIGN_OR_RETURN(auto rounds, ListRounds(tx));
      for (const Status& s : {CanPublish(out.plan, out.comments),
                              ConsultationClosedFor(out.plan, rounds, DayToday(clock_))}) {
        if (!s.ok()) out.publish_blockers.push_back(s.message());
      }
      out.publish_warnings = ConsultationsNeverOpenedFor(out.plan, rounds);
    }
    return OkStatus();
  }));
  return out;
}

StatusOr<RunPage> ProgrammeService::ViewRun(const Caller& caller, int64_t run_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  RunPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.run, jointly::GetRun(tx, run_id));
    ASSIGN_OR_RETURN(out.plan, jointly::GetPlan(tx, out.run.plan_id));
    ASSIGN_OR_RETURN(out.published_on, PublishedOn(tx, out.plan));
    ASSIGN_OR_RETURN(out.declined_adoption,
                     DeclinedOn(tx, kProgrammeDecisionKinds[1].id, run_id, out.people));
    return OkStatus();
  }));
  if (out.run.improving_until <= clock_.NowMicros()) out.run.improving_until = 0;
  return out;
}

StatusOr<ProposalView> ProgrammeService::GetProposal(const Caller& caller, int64_t id,
                                                     int64_t criteria_set_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  ProposalView out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    ASSIGN_OR_RETURN(CriteriaSet set, SetFor(tx, criteria_set_id));
    ASSIGN_OR_RETURN(out, ReadProposal(tx, id, set, inspectorates));
    return OkStatus();
  }));
  return out;
}

StatusOr<Proposal> ProgrammeService::CreateProposal(const Caller& caller, Proposal p) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditProgramme));
  p.id = 0;
  p.forced = Forced::kNone;  // R3 overrides come only through a joint decision
  p.forced_reason.clear();
  RETURN_IF_ERROR(ValidateProposal(p));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    RETURN_IF_ERROR(CheckReferences(tx, p, inspectorates));
    const std::string now = Now(clock_);
    ASSIGN_OR_RETURN(p.id, InsertProposal(tx, p, now));
    p.version = 1;
    return RecordChange(tx, clock_, caller, "create", "proposal", p.id, nullptr, ToJson(p));
  }));
  return p;
}

StatusOr<Proposal> ProgrammeService::UpdateProposal(const Caller& caller, Proposal changed) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditProgramme));
  const int64_t seen = changed.version;
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Proposal before, jointly::GetProposal(tx, changed.id));
    RETURN_IF_ERROR(CheckMayChangeProposal(caller, before));
    changed.forced = before.forced;
    changed.forced_reason = before.forced_reason;
    RETURN_IF_ERROR(ValidateProposal(changed));
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    RETURN_IF_ERROR(CheckReferences(tx, changed, inspectorates));
    RETURN_IF_ERROR(KeepsPublishedPlans(tx, before, changed));
    // Saved unchanged: no new version, and nothing for the audit trail.
    if (seen == before.version && ToJson(changed) == ToJson(before)) {
      changed = before;
      return OkStatus();
    }
    ASSIGN_OR_RETURN(changed.version, jointly::UpdateProposal(tx, changed, Now(clock_)));
    return RecordChange(tx, clock_, caller, "update", "proposal", changed.id, ToJson(before),
                        ToJson(changed));
  });
  if (s.code() == StatusCode::kAborted) {
    return ConflictDetail(db_, std::move(s), "proposal", changed.id, seen,
                          [&](Transaction& tx) -> StatusOr<json> {
                            ASSIGN_OR_RETURN(Proposal now, jointly::GetProposal(tx, changed.id));
                            return ToJson(now);
                          });
  }
  RETURN_IF_ERROR(s);
  return changed;
}

// Criteria and scores.

StatusOr<std::vector<CriteriaSet>> ProgrammeService::CriteriaSets(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<CriteriaSet> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ListCriteriaSets(tx));
    return OkStatus();
  }));
  return out;
}

StatusOr<CriteriaSet> ProgrammeService::GetCriteriaSet(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  CriteriaSet out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, jointly::GetCriteriaSet(tx, id));
    return OkStatus();
  }));
  return out;
}

StatusOr<CriteriaSet> ProgrammeService::CreateCriteriaSet(const Caller& caller, CriteriaSet set) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditReferenceData));
  if (!set.pairwise.empty()) {
    RETURN_IF_ERROR(ApplyPairwise(set));
  } else {
    set.method = WeightMethod::kDirect;
    set.consistency_ratio = 0;
  }
  RETURN_IF_ERROR(ValidateCriteriaSet(set));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    if (set.inspectorate_id) {
      RETURN_IF_ERROR(jointly::GetInspectorate(tx, *set.inspectorate_id).status());
    }
    ASSIGN_OR_RETURN(auto existing, FindCriteriaSetByCode(tx, set.code));
    if (existing) {
      return std::move(AlreadyExists("A criteria set with this code exists", "unique-code")
                           .AddFieldError("code", "unique-code",
                                          "The code \"" + set.code + "\" is already used"));
    }
    RETURN_IF_ERROR(InsertCriteriaSet(tx, set, Now(clock_)).status());
    return RecordChange(tx, clock_, caller, "create", "criteria_set", set.id, nullptr, ToJson(set));
  }));
  return set;
}

StatusOr<ProposalScoring> ProgrammeService::Scores(const Caller& caller, int64_t proposal_id,
                                                   int64_t criteria_set_id) {
  ASSIGN_OR_RETURN(ProposalView v, GetProposal(caller, proposal_id, criteria_set_id));
  return std::move(v.scoring);
}

StatusOr<ProposalScoring> ProgrammeService::SubmitScores(const Caller& caller, int64_t proposal_id,
                                                         const CriterionScores& scores,
                                                         int64_t criteria_set_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kScoreProposals));
  ProposalScoring out;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Proposal p, jointly::GetProposal(tx, proposal_id));
    ASSIGN_OR_RETURN(CriteriaSet set, SetFor(tx, criteria_set_id));
    RETURN_IF_ERROR(ValidateScores(set, scores));
    ASSIGN_OR_RETURN(auto before_all, ScoresOf(tx, proposal_id, set));
    json before = nullptr;
    for (const auto& s : before_all) {
      if (s.inspectorate_id == *caller.inspectorate_id) {
        before = ToJson(CombineScores(set, {s}))["by_inspectorate"][0];
      }
    }
    RepresentativeScore mine;
    mine.inspectorate_id = *caller.inspectorate_id;
    mine.user_id = caller.user_id;
    mine.scores = scores;
    RETURN_IF_ERROR(SaveScores(tx, p.id, set, mine, Now(clock_)));
    ASSIGN_OR_RETURN(auto all, ScoresOf(tx, proposal_id, set));
    out = CombineScores(set, std::move(all));
    json after = ToJson(CombineScores(set, {mine}))["by_inspectorate"][0];
    after["criteria_set_id"] = set.id;
    return RecordChange(tx, clock_, caller, "score", "proposal", p.id, before, after);
  }));
  return out;
}

// Plans.

StatusOr<std::vector<Plan>> ProgrammeService::Plans(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<Plan> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ListPlans(tx));
    return OkStatus();
  }));
  return out;
}

StatusOr<Plan> ProgrammeService::GetPlan(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  Plan out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, jointly::GetPlan(tx, id));
    return OkStatus();
  }));
  return out;
}

StatusOr<Plan> ProgrammeService::CreatePlan(const Caller& caller, Plan plan) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditProgramme));
  plan.state = PlanState::kDraft;
  RETURN_IF_ERROR(ValidatePlan(plan));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto existing, FindPlanByYear(tx, plan.first_year));
    if (existing) {
      return std::move(
          AlreadyExists("There is already a plan for this year", "R6")
              .AddFieldError("first_year", "R6", "A plan for " + plan.label() + " already exists"));
    }
    if (plan.criteria_set_id == 0) {
      ASSIGN_OR_RETURN(CriteriaSet set, SetFor(tx, 0));
      plan.criteria_set_id = set.id;
    } else {
      RETURN_IF_ERROR(CriteriaSetExists(tx, plan.criteria_set_id));
    }
    // R6: the rolling programme carries over from the latest earlier plan:
    // its capacity, and the work streams still running in this horizon
    // (year-two items among them, which the optimiser may bring forward).
    ASSIGN_OR_RETURN(auto plans, ListPlans(tx));
    for (const auto& earlier : plans) {
      if (earlier.first_year >= plan.first_year) continue;
      ASSIGN_OR_RETURN(Plan previous, jointly::GetPlan(tx, earlier.id));
      if (plan.capacity.empty()) plan.capacity = previous.capacity;
      if (plan.items.empty()) {
        for (const auto& item : previous.items) {
          ASSIGN_OR_RETURN(Proposal p, jointly::GetProposal(tx, item.proposal_id));
          const bool running = item.start_quarter + p.duration_quarters > plan.horizon_start();
          if (running && p.status != ProposalStatus::kCompleted &&
              p.status != ProposalStatus::kWithdrawn) {
            plan.items.push_back(item);
          }
        }
      }
      break;
    }
    RETURN_IF_ERROR(CapacityInspectoratesExist(tx, plan));
    ASSIGN_OR_RETURN(plan.id, InsertPlan(tx, plan, Now(clock_)));
    plan.version = 1;
    return RecordChange(tx, clock_, caller, "create", "plan", plan.id, nullptr, ToJson(plan));
  }));
  return plan;
}

StatusOr<Plan> ProgrammeService::UpdatePlan(const Caller& caller, const Plan& changed) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditProgramme));
  RETURN_IF_ERROR(ValidatePlan(changed));
  Plan after;
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Plan before, PlanToChange(tx, changed.id));
    RETURN_IF_ERROR(CriteriaSetExists(tx, changed.criteria_set_id));
    RETURN_IF_ERROR(CapacityInspectoratesExist(tx, changed));
    // Saved unchanged: no new version, and nothing for the audit trail.
    if (changed.version == before.version && SameEditableFields(before, changed)) {
      after = before;
      return OkStatus();
    }
    ASSIGN_OR_RETURN(int64_t version, jointly::UpdatePlan(tx, changed, Now(clock_)));
    ASSIGN_OR_RETURN(after, jointly::GetPlan(tx, changed.id));
    after.version = version;
    return RecordChange(tx, clock_, caller, "update", "plan", after.id, ToJson(before),
                        ToJson(after));
  });
  if (s.code() == StatusCode::kAborted) {
    return ConflictDetail(db_, std::move(s), "plan", changed.id, changed.version,
                          [&](Transaction& tx) -> StatusOr<json> {
                            ASSIGN_OR_RETURN(Plan now, jointly::GetPlan(tx, changed.id));
                            return ToJson(now);
                          });
  }
  RETURN_IF_ERROR(s);
  return after;
}

// The optimiser.

namespace {

// Why R1 leaves a proposal out: the first test it fails.
std::string FailedTestReason(const std::vector<QualifyingTestResult>& tests) {
  for (const auto& t : tests) {
    if (t.applies && !t.passed) return "It does not qualify as a joint CJ inspection: " + t.reason;
  }
  return "It does not qualify as a joint CJ inspection";
}

// R6: where the plans before `plan` programmed each work stream: the start
// the latest of them gave it.
StatusOr<std::map<int64_t, int>> ProgrammedBefore(Transaction& tx, const Plan& plan) {
  std::map<int64_t, int> starts;
  ASSIGN_OR_RETURN(auto plans, ListPlans(tx));
  std::sort(plans.begin(), plans.end(),
            [](const Plan& a, const Plan& b) { return a.first_year > b.first_year; });
  for (const auto& earlier : plans) {
    if (earlier.first_year >= plan.first_year) continue;
    ASSIGN_OR_RETURN(Plan previous, jointly::GetPlan(tx, earlier.id));
    for (const auto& item : previous.items) starts.emplace(item.proposal_id, item.start_quarter);
  }
  return starts;
}

}  // namespace

StatusOr<ProgrammeInstance> ProgrammeService::InstanceFor(
    const Caller& caller, int64_t plan_id, std::vector<NotConsidered>* not_considered) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  ProgrammeInstance in;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Plan plan, jointly::GetPlan(tx, plan_id));
    ASSIGN_OR_RETURN(auto proposals, ListProposals(tx));
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    ASSIGN_OR_RETURN(CriteriaSet set, jointly::GetCriteriaSet(tx, plan.criteria_set_id));
    ASSIGN_OR_RETURN(auto scores, ScoresBySet(tx, set));
    const int h = plan.horizon_start();
    in.quarters = kHorizonQuarters;
    in.min_process_coverage_per_year = plan.min_process_coverage;
    in.victim_coverage_waived = !Trim(plan.victim_waiver).empty();
    for (const auto& [inspectorate, days] : plan.capacity) {
      in.capacity[inspectorate] = std::vector<double>(kHorizonQuarters, days);
    }
    for (const auto& i : inspectorates) in.inspectorate_names[i.id] = i.short_name;
    for (int q = 0; q < kHorizonQuarters; ++q) in.quarter_names.push_back(QuarterLabel(h + q));
    std::map<int64_t, int> planned;
    for (const auto& item : plan.items) planned[item.proposal_id] = item.start_quarter;
    ASSIGN_OR_RETURN(auto programmed_before, ProgrammedBefore(tx, plan));
    std::set<int64_t> ids;
    auto leave_out = [&](const Proposal& p, std::string reason) {
      if (not_considered) not_considered->push_back({p.id, p.title, std::move(reason)});
    };
    for (const auto& p : proposals) {
      if (p.status == ProposalStatus::kWithdrawn || p.status == ProposalStatus::kCompleted) {
        leave_out(p,
                  p.status == ProposalStatus::kWithdrawn ? "It was withdrawn" : "It is completed");
        continue;
      }
      const bool in_plan = planned.count(p.id) > 0;
      // R1: only qualifying joint CJ inspections join the long-list (the
      // tests do not apply to collaborative and other work).
      if (!in_plan && p.forced != Forced::kIn) {
        const auto tests = RunQualifyingTests(p, inspectorates);
        if (!Qualifies(tests)) {
          leave_out(p, FailedTestReason(tests));
          continue;
        }
      }
      Candidate c;
      c.id = p.id;
      c.title = p.title;
      auto s = scores.find(p.id);
      if (s != scores.end()) {
        c.priority = CombineScores(set, s->second).combined.mean;
      }
      c.duration_quarters = p.duration_quarters;
      c.earliest_start = p.earliest_start == 0 ? 0 : std::max(0, p.earliest_start - h);
      if (c.earliest_start >= kHorizonQuarters) {
        leave_out(p, "Its earliest start, " + QuarterLabel(p.earliest_start) +
                         ", is after the years this plan covers");
        continue;
      }
      double share = 1;
      if (p.status == ProposalStatus::kInProgress) {
        // R6: work in progress belongs to the plan that programmed it and
        // keeps its start; a later plan carries only what of it runs into
        // its years, and never proposes it anew.
        const auto before = programmed_before.find(p.id);
        const int began = before != programmed_before.end() && before->second < h ? before->second
                          : in_plan                                               ? planned[p.id]
                          : before != programmed_before.end()                     ? before->second
                                                              : h + c.earliest_start;
        int start = began - h;
        if (start < 0) {
          const int remaining = p.duration_quarters + start;
          if (remaining <= 0) {
            leave_out(p, "It is in progress from the " +
                             FinancialYearLabel(FinancialYearOf(began)) +
                             " programme, which has it end in " +
                             QuarterLabel(began + p.duration_quarters - 1) +
                             ", before the years this plan covers");
            continue;
          }
          share = static_cast<double>(remaining) / p.duration_quarters;
          c.duration_quarters = remaining;
          c.already_run = -start;
          start = 0;
        }
        c.duration_quarters = std::min(c.duration_quarters, kHorizonQuarters - start);
        c.fixed_start = start;
      }
      for (const auto& part : p.participants) {
        if (part.effort_days > 0 && in.capacity.count(part.inspectorate_id)) {
          c.effort[part.inspectorate_id] = part.effort_days * share;
        }
      }
      c.focus = p.focus;
      if (p.forced == Forced::kOut) {
        c.decision = Decision::kForcedOut;
      } else if (p.forced == Forced::kIn || p.origin == Origin::kPreExistingCommitment ||
                 p.status == ProposalStatus::kInProgress) {
        c.decision = Decision::kForcedIn;
        in.held_in_because[c.id] =
            std::string(p.forced == Forced::kIn                   ? ForcedLabel(p.forced)
                        : p.status == ProposalStatus::kInProgress ? ProposalStatusLabel(p.status)
                                                                  : OriginLabel(p.origin));
      }
      ids.insert(c.id);
      in.candidates.push_back(std::move(c));
    }
    std::set<std::pair<int64_t, int64_t>> clashes;
    for (const auto& p : proposals) {
      if (!ids.count(p.id)) continue;
      for (int64_t other : p.clashes_with) {
        if (ids.count(other)) clashes.insert({std::min(p.id, other), std::max(p.id, other)});
      }
    }
    in.clashes.assign(clashes.begin(), clashes.end());
    return OkStatus();
  }));
  return in;
}

StatusOr<OptimiserRun> ProgrammeService::StartRun(const Caller& caller, int64_t plan_id,
                                                  int time_limit_seconds) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditProgramme));
  if (time_limit_seconds < 1 || time_limit_seconds > 300) {
    return std::move(InvalidArgument("The time limit is out of range", "range")
                         .AddFieldError("time_limit_seconds", "range",
                                        "The time limit must be from 1 to 300 seconds"));
  }
  OptimiserRun run;
  run.plan_id = plan_id;
  run.time_limit_seconds = time_limit_seconds;
  run.requested_by = caller.user_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(PlanToChange(tx, plan_id).status());
    run.requested_at = Now(clock_);
    ASSIGN_OR_RETURN(run.id, InsertRun(tx, run));
    return RecordChange(tx, clock_, caller, "start", "optimiser_run", run.id, nullptr,
                        {{"plan_id", plan_id}, {"time_limit_seconds", time_limit_seconds}});
  }));
  if (enqueue_) enqueue_(run.id);
  return run;
}

StatusOr<OptimiserRun> ProgrammeService::GetRun(const Caller& caller, int64_t run_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  OptimiserRun out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, jointly::GetRun(tx, run_id));
    return OkStatus();
  }));
  // A server that stopped while improving leaves the time it meant to stop.
  if (out.improving_until <= clock_.NowMicros()) out.improving_until = 0;
  return out;
}

StatusOr<std::vector<OptimiserRun>> ProgrammeService::Runs(const Caller& caller, int64_t plan_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<OptimiserRun> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(jointly::GetPlan(tx, plan_id).status());
    ASSIGN_OR_RETURN(out, RunsOfPlan(tx, plan_id, 20));
    return OkStatus();
  }));
  return out;
}

namespace {

// What the run pages and the API show of a solved programme.
json ScheduleResult(const ProgrammeInstance& in, const ProgrammeSchedule& schedule,
                    const ProgrammeSchedule& greedy, const Plan& plan) {
  const int h = plan.horizon_start();
  std::map<int64_t, const Candidate*> by_id;
  for (const auto& c : in.candidates) by_id[c.id] = &c;
  json chosen = json::array();
  for (const auto& item : schedule.chosen) {
    const Candidate& c = *by_id.at(item.id);
    // Work carried on from an earlier plan keeps the start it began with.
    const int began = h + item.start - c.already_run;
    chosen.push_back(
        {{"proposal_id", c.id},
         {"title", c.title},
         {"priority", c.priority},
         {"start_quarter", began},
         {"start", QuarterLabel(began)},
         {"continues_from",
          c.already_run > 0 ? json(FinancialYearLabel(FinancialYearOf(began))) : json()},
         {"end", QuarterLabel(h + item.start + c.duration_quarters - 1)},
         {"first", item.start},
         {"length", c.duration_quarters},
         {"forced", c.decision == Decision::kForcedIn},
         {"held", in.held_in_because.count(c.id) ? json(in.held_in_because.at(c.id)) : json()}});
  }
  json capacity = json::array();
  for (const auto& [inspectorate, cap] : in.capacity) {
    json quarters = json::array();
    auto used_it = schedule.used.find(inspectorate);
    for (int q = 0; q < in.quarters; ++q) {
      const double used = used_it == schedule.used.end() ? 0 : used_it->second[q];
      quarters.push_back(
          {{"quarter", QuarterLabel(h + q)},
           {"capacity", cap[q]},
           {"used", std::round(used * 10) / 10},
           {"left", std::round((cap[q] - used) * 10) / 10},
           {"percent", cap[q] > 0 ? std::min(100.0, std::round(used * 100 / cap[q])) : 0.0}});
    }
    capacity.push_back(
        {{"inspectorate_id", inspectorate},
         {"name", in.inspectorate_names.count(inspectorate) ? in.inspectorate_names.at(inspectorate)
                                                            : std::to_string(inspectorate)},
         {"quarters", quarters}});
  }
  json excluded = json::array();
  for (const auto& e : ExplainExclusions(in, schedule)) {
    const Candidate& c = *by_id.at(e.id);
    json displaced = json::array();
    for (const auto& [other, priority] : e.displaced_by) {
      displaced.push_back(
          {{"proposal_id", other}, {"title", by_id.at(other)->title}, {"priority", priority}});
    }
    excluded.push_back({{"proposal_id", c.id},
                        {"title", c.title},
                        {"priority", c.priority},
                        {"reasons", e.reasons},
                        {"displaced_by", displaced}});
  }
  ProgrammeSchedule approved;
  for (const auto& item : plan.items) {
    approved.chosen.push_back({item.proposal_id, std::max(0, item.start_quarter - h)});
  }
  json changes = json::array();
  for (const auto& change : DiffSchedules(approved, schedule)) {
    const char* kind = change.kind == ScheduleChange::Kind::kAdded   ? "added"
                       : change.kind == ScheduleChange::Kind::kMoved ? "moved"
                                                                     : "dropped";
    auto c = by_id.find(change.id);
    changes.push_back(
        {{"kind", kind},
         {"proposal_id", change.id},
         {"title", c != by_id.end() ? c->second->title : "proposal " + std::to_string(change.id)},
         {"from", change.from_start >= 0 ? json(QuarterLabel(h + change.from_start)) : json()},
         {"to", change.to_start >= 0 ? json(QuarterLabel(h + change.to_start)) : json()}});
  }
  json quarters = json::array();
  for (int q = 0; q < in.quarters; ++q) quarters.push_back(QuarterLabel(h + q));
  return {{"outcome", "solved"},
          {"proven_optimal", schedule.proven_optimal},
          {"gap", schedule.gap},
          {"best_bound", schedule.best_bound},
          {"seconds", schedule.seconds},
          {"total_priority", schedule.total_priority},
          {"greedy_total_priority", greedy.total_priority},
          {"candidates", in.candidates.size()},
          {"quarters", quarters},
          {"chosen", chosen},
          {"capacity", capacity},
          {"excluded", excluded},
          {"changes", changes}};
}

}  // namespace

StatusOr<std::optional<OptimiserRun>> ProgrammeService::Claim(std::optional<int64_t> run_id) {
  std::optional<OptimiserRun> claimed;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(claimed, ClaimQueuedRun(tx, run_id, Now(clock_),
                                             clock_.NowMicros() + kRunHoldMarginMicros));
    if (claimed || !run_id) return OkStatus();
    RETURN_IF_ERROR(jointly::GetRun(tx, *run_id).status());
    return FailedPrecondition("Run " + std::to_string(*run_id) + " is not queued", "run-state");
  }));
  return claimed;
}

Status ProgrammeService::ExecuteRun(int64_t run_id, MipSolver& solver,
                                    const std::function<bool()>& interrupted) {
  ASSIGN_OR_RETURN(std::optional<OptimiserRun> run, Claim(run_id));
  return CarryOut(std::move(*run), solver, interrupted);
}

StatusOr<std::optional<int64_t>> ProgrammeService::ExecuteNextRun(
    MipSolver& solver, const std::function<bool()>& interrupted) {
  ASSIGN_OR_RETURN(std::optional<OptimiserRun> run, Claim(std::nullopt));
  if (!run) return std::optional<int64_t>();
  const int64_t id = run->id;
  RETURN_IF_ERROR(CarryOut(std::move(*run), solver, interrupted));
  return std::optional<int64_t>(id);
}

Status ProgrammeService::StopImproving(const Caller& caller, int64_t run_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditProgramme));
  return db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(OptimiserRun run, jointly::GetRun(tx, run_id));
    if (run.improving_until <= clock_.NowMicros()) {
      return FailedPrecondition("This run is no longer improving its programme", "run-state");
    }
    return RequestRunStop(tx, run_id);
  });
}

namespace {

// A point of a run's progress: when (seconds since it began), the best
// plan's total priority and the bound, as the result stores it.
json ProgressPoint(const ProgrammeSchedule& s) {
  return {{"seconds", std::round(s.seconds * 100) / 100},
          {"total_priority", s.total_priority},
          {"best_bound", s.best_bound},
          {"proven_optimal", s.proven_optimal}};
}

}  // namespace

Status ProgrammeService::Improve(OptimiserRun run, const ProgrammeInstance& instance,
                                 const Plan& plan, ProgrammeSchedule best, MipSolver& solver,
                                 const std::function<bool()>& interrupted) {
  const json not_considered = json::parse(run.result).value("not_considered", json::array());
  json progress = json::array({ProgressPoint(best)});
  const double window = std::clamp(10.0 * run.time_limit_seconds, 120.0, 600.0);
  auto store = [&](const ProgrammeSchedule& s, bool improving) {
    json result = ScheduleResult(instance, s, GreedyProgramme(instance), plan);
    result["not_considered"] = not_considered;
    result["progress"] = progress;
    result["improving"] = improving;
    run.result = result.dump();
    run.improving_until = improving ? clock_.NowMicros() + static_cast<int64_t>(window * 1e6) : 0;
    return db_.Write([&](Transaction& tx) { return jointly::UpdateRun(tx, run); });
  };
  RETURN_IF_ERROR(store(best, true));
  const auto began = std::chrono::steady_clock::now();
  const double first_seconds = best.seconds;
  ImproveOptions options;
  options.until_seconds = first_seconds + window;
  options.elapsed_seconds = [began, first_seconds] {
    return first_seconds +
           std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  };
  options.stop = [&] {
    if (interrupted && interrupted()) return true;
    bool stop = false;
    Status read = db_.Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(OptimiserRun now, jointly::GetRun(tx, run.id));
      stop = now.stop_requested;
      return OkStatus();
    });
    return !read.ok() || stop;
  };
  Status stored = OkStatus();
  options.on_better = [&](const ProgrammeSchedule& s) {
    progress.push_back(ProgressPoint(s));
    if (stored.ok()) stored = store(s, true);
  };
  best = ImproveProgramme(instance, solver, std::move(best), options);
  RETURN_IF_ERROR(stored);
  return store(best, false);
}

Status ProgrammeService::CarryOut(OptimiserRun run, MipSolver& solver,
                                  const std::function<bool()>& interrupted) {
  json result;
  std::string error;
  auto plan = GetPlan(SystemCaller(), run.plan_id);
  std::vector<NotConsidered> not_considered;
  std::optional<ProgrammeSchedule> first;  // the first answer, to improve
  auto instance = plan.ok() ? InstanceFor(SystemCaller(), run.plan_id, &not_considered)
                            : StatusOr<ProgrammeInstance>(plan.status());
  if (!instance.ok()) {
    error = instance.status().message();
  } else {
    auto schedule = OptimiseProgramme(*instance, solver, run.time_limit_seconds);
    if (schedule.ok()) first = *schedule;
    if (!schedule.ok()) {
      error = schedule.status().message();
      result = {{"outcome", schedule.status().rule()}};
      json detail =
          json::parse(schedule.status().detail_json().empty() ? std::string("{}")
                                                              : schedule.status().detail_json(),
                      nullptr, false);
      if (!detail.is_discarded() && detail.is_object()) {
        // Name the conflicting commitments and the capacity they compete for.
        json named = json::array();
        std::set<int64_t> capacities;
        std::string titles;
        for (const auto& id : detail.value("conflicting_commitments", json::array())) {
          for (const auto& c : instance->candidates) {
            if (c.id != id.get<int64_t>()) continue;
            named.push_back({{"proposal_id", c.id}, {"title", c.title}});
            titles += (titles.empty() ? "" : "; ") + c.title;
            for (const auto& [inspectorate, days] : c.effort) {
              if (days > 0) capacities.insert(inspectorate);
            }
          }
        }
        json capacity_names = json::array();
        for (int64_t i : capacities) {
          capacity_names.push_back(instance->inspectorate_names.count(i)
                                       ? instance->inspectorate_names.at(i)
                                       : std::to_string(i));
        }
        detail["commitments"] = named;
        detail["capacities"] = capacity_names;
        if (!titles.empty()) error += ". Conflicting: " + titles;
        result["detail"] = detail;
      }
      json fields = json::array();
      for (const auto& e : schedule.status().field_errors()) {
        fields.push_back({{"field", e.field}, {"message", e.message}});
      }
      result["errors"] = fields;
    } else {
      result = ScheduleResult(*instance, *schedule, GreedyProgramme(*instance), *plan);
    }
  }
  if (instance.ok()) {
    if (!result.is_object()) result = json::object();
    json listed = json::array();
    for (const auto& n : not_considered) {
      listed.push_back({{"proposal_id", n.proposal_id}, {"title", n.title}, {"reason", n.reason}});
    }
    result["not_considered"] = listed;
  }
  run.state = error.empty() ? RunState::kFinished : RunState::kFailed;
  run.error = error;
  run.result = result.is_null() ? "{}" : result.dump();
  run.finished_at = Now(clock_);
  // A run that goes on improving is stored finished and improving in one
  // write, so nobody sees it finished and not improving in between.
  if (first && !first->proven_optimal) {
    return Improve(std::move(run), *instance, *plan, *first, solver, interrupted);
  }
  return db_.Write([&](Transaction& tx) { return jointly::UpdateRun(tx, run); });
}

Status ProgrammeService::FailAbandonedRuns() {
  const bool every_running = db_.dialect() == Dialect::kSqlite;
  return db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto ids, AbandonedRuns(tx, clock_.NowMicros(), every_running));
    for (int64_t id : ids) {
      ASSIGN_OR_RETURN(OptimiserRun run, jointly::GetRun(tx, id));
      run.state = RunState::kFailed;
      run.error = "The server stopped before this run finished; start it again";
      run.finished_at = Now(clock_);
      RETURN_IF_ERROR(jointly::UpdateRun(tx, run));
    }
    return OkStatus();
  });
}

OptimiserWorker::OptimiserWorker(ProgrammeService& service, std::unique_ptr<MipSolver> solver,
                                 std::chrono::milliseconds poll,
                                 std::function<void(int64_t)> carried_out)
    : service_(service),
      solver_(std::move(solver)),
      poll_(poll),
      carried_out_(std::move(carried_out)),
      thread_([this] { Loop(); }) {
  service_.SetRunQueue([this](int64_t) { Wake(); });
}

OptimiserWorker::~OptimiserWorker() {
  service_.SetRunQueue(nullptr);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void OptimiserWorker::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    wake_ = true;
  }
  cv_.notify_one();
}

bool OptimiserWorker::Stopping() {
  std::lock_guard<std::mutex> lock(mu_);
  return stopping_;
}

void OptimiserWorker::Loop() {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, poll_, [this] { return stopping_ || wake_; });
      if (stopping_) return;
      wake_ = false;
    }
    // A run another server was carrying out when it stopped.
    (void)service_.FailAbandonedRuns();
    // Every queued run, whichever server queued it; failures are stored on
    // the run, and a run another server claimed first is skipped.
    while (!Stopping()) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        wake_ = false;
      }
      // Improving a plan gives way to a run queued meanwhile and to
      // shutting down.
      auto ran = service_.ExecuteNextRun(*solver_, [this] {
        std::lock_guard<std::mutex> lock(mu_);
        return stopping_ || wake_;
      });
      if (!ran.ok() || !*ran) break;
      if (carried_out_) carried_out_(**ran);
    }
  }
}

// Joint decisions.

namespace {

constexpr const char* kApprovePlan = kProgrammeDecisionKinds[0].id;
constexpr const char* kAdoptRun = kProgrammeDecisionKinds[1].id;
constexpr const char* kForce = kProgrammeDecisionKinds[2].id;

json OptionalId(std::optional<int64_t> id) { return id ? json(*id) : json(); }

// The members that name a programme decision's subject in its JSON.
json SubjectJson(const StoredDecision& d) {
  std::optional<int64_t> plan, proposal, run;
  if (d.kind == kApprovePlan) {
    plan = d.subject_id;
  } else if (d.kind == kAdoptRun) {
    run = d.subject_id;
    const json payload = json::parse(d.payload, nullptr, false);
    if (payload.is_object() && payload.contains("plan_id") && payload["plan_id"].is_number()) {
      plan = payload["plan_id"].get<int64_t>();
    }
  } else if (d.kind == kForce) {
    proposal = d.subject_id;
  }
  json out = {{"plan_id", OptionalId(plan)},
              {"proposal_id", OptionalId(proposal)},
              {"run_id", OptionalId(run)}};
  if (d.kind == kForce) {
    // Why the Chief Inspectors are asked to override the ranking.
    const json payload = json::parse(d.payload, nullptr, false);
    out["reason"] = payload.is_object() ? payload.value("reason", "") : "";
  }
  return out;
}

}  // namespace

ProgrammeService::ProgrammeService(Database& db, const Clock& clock, JointDecisions& decisions)
    : db_(db), clock_(clock), decisions_(decisions) {
  auto kind = [this](Status (ProgrammeService::*apply)(Transaction&, const StoredDecision&,
                                                       const Caller&, const std::string&)) {
    DecisionKind k;
    k.ask = Permission::kEditProgramme;
    k.apply = [this, apply](Transaction& tx, const StoredDecision& d, const Caller& agreed_by,
                            const std::string& now) {
      return (this->*apply)(tx, d, agreed_by, now);
    };
    k.subject_json = SubjectJson;
    return k;
  };
  // Approval is of one version of the plan: once its draft programme
  // changes, agreement given to the earlier version no longer counts.
  DecisionKind approve = kind(&ProgrammeService::ApplyPlanApproval);
  approve.subject_version = [](Transaction& tx, int64_t plan_id) -> StatusOr<int64_t> {
    ASSIGN_OR_RETURN(Plan plan, jointly::GetPlan(tx, plan_id));
    return plan.version;
  };
  decisions_.Register(kApprovePlan, std::move(approve));
  decisions_.Register(kAdoptRun, kind(&ProgrammeService::ApplyAdoptRun));
  decisions_.Register(kForce, kind(&ProgrammeService::ApplyForce));
}

StatusOr<DecisionView> ProgrammeService::ProposePlanApproval(const Caller& caller,
                                                             int64_t plan_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditProgramme));
  DecisionRequest d;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Plan plan, jointly::GetPlan(tx, plan_id));
    if (plan.state != PlanState::kDraft) {
      return FailedPrecondition(
          "Only a draft programme is put to the inspectorates to agree "
          "(this plan is " +
              InSentence(PlanStateLabel(plan.state)) + ")",
          "R8");
    }
    if (plan.items.empty()) {
      return FailedPrecondition(
          "The draft programme is empty: agree an optimiser run's programme first",
          "empty-programme");
    }
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    d.concerned = OpenCjInspectorates(inspectorates);
    d.subject = "Agree the draft joint inspection programme " + plan.label() + " (" +
                std::to_string(plan.items.size()) + " work streams)";
    d.kind = kApprovePlan;
    d.subject_id = plan_id;
    d.subject_version = plan.version;
    return OkStatus();
  }));
  return decisions_.Ask(caller, std::move(d));
}

StatusOr<DecisionView> ProgrammeService::ProposeAdoptRun(const Caller& caller, int64_t run_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditProgramme));
  DecisionRequest d;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(OptimiserRun run, jointly::GetRun(tx, run_id));
    if (run.state != RunState::kFinished) {
      return FailedPrecondition("Only a finished run with a programme can be agreed", "run-state");
    }
    ASSIGN_OR_RETURN(Plan plan, PlanToChange(tx, run.plan_id));
    json result = json::parse(run.result, nullptr, false);
    json items = json::array();
    if (result.is_object() && result.contains("chosen")) {
      for (const auto& c : result["chosen"]) {
        items.push_back({{"proposal_id", c["proposal_id"]}, {"start_quarter", c["start_quarter"]}});
      }
    }
    const size_t changes =
        result.is_object() && result.contains("changes") ? result["changes"].size() : 0;
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    d.concerned = OpenCjInspectorates(inspectorates);
    d.subject = "Agree the programme of optimiser run " + std::to_string(run_id) + " for " +
                plan.label() + " (" +
                Count(static_cast<int64_t>(items.size()), "work stream", "work streams") + ", " +
                Count(static_cast<int64_t>(changes), "change", "changes") + ")";
    d.kind = kAdoptRun;
    d.subject_id = run_id;
    d.payload = json{{"plan_id", plan.id}, {"items", items}}.dump();
    return OkStatus();
  }));
  return decisions_.Ask(caller, std::move(d));
}

StatusOr<Plan> ProgrammeService::UseRunAsDraft(const Caller& caller, int64_t run_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditProgramme));
  Plan out;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(OptimiserRun run, jointly::GetRun(tx, run_id));
    const json result = json::parse(run.result, nullptr, false);
    if (run.state != RunState::kFinished || !result.is_object() || !result.contains("chosen")) {
      return FailedPrecondition("Only a finished run with a programme can become the draft",
                                "run-state");
    }
    ASSIGN_OR_RETURN(Plan plan, PlanToChange(tx, run.plan_id));
    if (plan.state != PlanState::kDraft && plan.state != PlanState::kAgreed) {
      return FailedPrecondition("The programme has gone to CJ Ministers (this plan is " +
                                    InSentence(PlanStateLabel(plan.state)) +
                                    "), so its draft no longer changes",
                                "R8");
    }
    std::vector<PlanItem> items;
    for (const auto& c : result["chosen"]) {
      items.push_back({c["proposal_id"].get<int64_t>(), c["start_quarter"].get<int>()});
    }
    const std::string now = Now(clock_);
    const json before = ToJson(plan);
    RETURN_IF_ERROR(ReplacePlanItems(tx, plan.id, items, now));
    for (const auto& item : items) {
      RETURN_IF_ERROR(tx.Execute("UPDATE proposals SET status = 'programmed', version = "
                                 "version + 1 WHERE id = ? AND status = 'long_list'",
                                 {item.proposal_id})
                          .status());
    }
    // A new version, a draft: agreement to the one before lapses.
    RETURN_IF_ERROR(SetPlanState(tx, plan.id, PlanState::kDraft, now));
    ASSIGN_OR_RETURN(out, jointly::GetPlan(tx, plan.id));
    return RecordChange(
        tx, clock_, caller, "use-run-as-draft", "plan", plan.id,
        {{"items", before["items"]}, {"state", before["state"]}},
        {{"items", ToJson(out)["items"]}, {"state", PlanStateId(out.state)}, {"run_id", run_id}});
  }));
  return out;
}

StatusOr<DecisionView> ProgrammeService::ProposeForce(const Caller& caller, int64_t proposal_id,
                                                      Forced forced, const std::string& reason) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditProgramme));
  RETURN_IF_ERROR(CheckForceRequest(forced, reason));
  DecisionRequest d;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Proposal p, jointly::GetProposal(tx, proposal_id));
    RETURN_IF_ERROR(NotForcedOnceHeld(tx, proposal_id));
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    const std::set<int64_t> cj = OpenCjInspectorates(inspectorates);
    for (const auto& part : p.participants) {
      if (cj.count(part.inspectorate_id)) d.concerned.insert(part.inspectorate_id);
    }
    if (d.concerned.size() < 2) d.concerned = cj;
    d.subject = std::string(forced == Forced::kIn    ? "Force into the programme: "
                            : forced == Forced::kOut ? "Force out of the programme: "
                                                     : "Remove the override on: ") +
                p.title;
    d.kind = kForce;
    d.subject_id = proposal_id;
    d.payload = json{{"forced", ForcedId(forced)}, {"reason", std::string(Trim(reason))}}.dump();
    return OkStatus();
  }));
  return decisions_.Ask(caller, std::move(d));
}

Status ProgrammeService::ApplyPlanApproval(Transaction& tx, const StoredDecision& d,
                                           const Caller& agreed_by, const std::string& now) {
  ASSIGN_OR_RETURN(Plan plan, jointly::GetPlan(tx, d.subject_id));
  if (plan.state != PlanState::kDraft) return OkStatus();
  RETURN_IF_ERROR(SetPlanState(tx, plan.id, PlanState::kAgreed, now));
  return RecordChange(tx, clock_, agreed_by, "agreed", "plan", plan.id,
                      {{"state", PlanStateId(plan.state)}},
                      {{"state", PlanStateId(PlanState::kAgreed)}, {"decision_id", d.decision.id}});
}

Status ProgrammeService::ApplyAdoptRun(Transaction& tx, const StoredDecision& d,
                                       const Caller& agreed_by, const std::string& now) {
  const json payload = json::parse(d.payload, nullptr, false);
  if (!payload.is_object() || !payload.contains("plan_id") || !payload["plan_id"].is_number() ||
      !payload.contains("items") || !payload["items"].is_array()) {
    return Internal("Decision " + std::to_string(d.decision.id) +
                    " does not say which programme it adopts for which plan");
  }
  ASSIGN_OR_RETURN(Plan plan, PlanToChange(tx, payload["plan_id"].get<int64_t>()));
  std::vector<PlanItem> items;
  for (const auto& item : payload["items"]) {
    items.push_back({item["proposal_id"].get<int64_t>(), item["start_quarter"].get<int>()});
  }
  RETURN_IF_ERROR(ReplacePlanItems(tx, plan.id, items, now));
  for (const auto& item : items) {
    RETURN_IF_ERROR(tx.Execute("UPDATE proposals SET status = 'programmed', version = "
                               "version + 1 WHERE id = ? AND status = 'long_list'",
                               {item.proposal_id})
                        .status());
  }
  if (plan.state == PlanState::kDraft) {
    RETURN_IF_ERROR(SetPlanState(tx, plan.id, PlanState::kAgreed, now));
  }
  json old_items = ToJson(plan)["items"];
  plan.items = items;
  return RecordChange(
      tx, clock_, agreed_by, "adopt-run", "plan", plan.id, {{"items", old_items}},
      {{"items", ToJson(plan)["items"]}, {"run_id", d.subject_id}, {"decision_id", d.decision.id}});
}

Status ProgrammeService::ApplyForce(Transaction& tx, const StoredDecision& d,
                                    const Caller& agreed_by, const std::string& now) {
  const json payload = json::parse(d.payload, nullptr, false);
  if (!payload.is_object()) {
    return Internal("Decision " + std::to_string(d.decision.id) +
                    " does not say how the proposal is forced");
  }
  ASSIGN_OR_RETURN(Proposal p, jointly::GetProposal(tx, d.subject_id));
  RETURN_IF_ERROR(NotForcedOnceHeld(tx, p.id));
  const json before = ToJson(p);
  p.forced = ParseForced(payload.value("forced", "none")).value_or(Forced::kNone);
  p.forced_reason = p.forced == Forced::kNone ? "" : payload.value("reason", "");
  ASSIGN_OR_RETURN(p.version, jointly::UpdateProposal(tx, p, now));
  return RecordChange(tx, clock_, agreed_by, "force", "proposal", p.id, before, ToJson(p));
}

// Ministers (R8).

StatusOr<std::vector<MinisterComment>> ProgrammeService::Comments(const Caller& caller,
                                                                  int64_t plan_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<MinisterComment> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(jointly::GetPlan(tx, plan_id).status());
    ASSIGN_OR_RETURN(out, CommentsOfPlan(tx, plan_id));
    return OkStatus();
  }));
  return out;
}

StatusOr<MinisterComment> ProgrammeService::AddComment(const Caller& caller, MinisterComment c) {
  RETURN_IF_ERROR(Require(caller, Permission::kPublishProgramme));
  const Status invalid = ValidateMinisterComment(c, DayToday(clock_));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Plan plan, jointly::GetPlan(tx, c.plan_id));
    // Every error of the comment at once, the day it went to Ministers too.
    ASSIGN_OR_RETURN(Date sent_on, SentToMinistersOn(tx, plan));
    RETURN_IF_ERROR(MergeErrors(invalid, CheckReceivedAfterSent(c, sent_on)));
    if (plan.state != PlanState::kWithMinisters) {
      return FailedPrecondition(
          "Ministers' comments are recorded while the draft is with them (this plan is " +
              InSentence(PlanStateLabel(plan.state)) + ")",
          "R8");
    }
    ASSIGN_OR_RETURN(c.id, InsertComment(tx, c, caller.user_id, Now(clock_)));
    return RecordChange(tx, clock_, caller, "create", "minister_comment", c.id, nullptr, ToJson(c));
  }));
  return c;
}

StatusOr<MinisterComment> ProgrammeService::RespondToComment(const Caller& caller, int64_t plan_id,
                                                             int64_t comment_id,
                                                             const std::string& response,
                                                             int64_t version) {
  RETURN_IF_ERROR(Require(caller, Permission::kPublishProgramme));
  RETURN_IF_ERROR(ValidateCommentResponse(response));
  MinisterComment after;
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Plan plan, jointly::GetPlan(tx, plan_id));
    ASSIGN_OR_RETURN(MinisterComment before, GetComment(tx, plan_id, comment_id));
    RETURN_IF_ERROR(CanAnswerComment(plan));
    after = before;
    after.response = response;
    ASSIGN_OR_RETURN(after.version,
                     UpdateCommentResponse(tx, plan_id, comment_id, response, version));
    return RecordChange(tx, clock_, caller, "respond", "minister_comment", comment_id,
                        {{"response", before.response}, {"version", before.version}},
                        {{"response", after.response}, {"version", after.version}});
  });
  if (s.code() == StatusCode::kAborted) {
    return ConflictDetail(db_, std::move(s), "minister_comment", comment_id, version,
                          [&](Transaction& tx) -> StatusOr<json> {
                            ASSIGN_OR_RETURN(MinisterComment now,
                                             GetComment(tx, plan_id, comment_id));
                            return ToJson(now);
                          });
  }
  RETURN_IF_ERROR(s);
  return after;
}

StatusOr<Plan> ProgrammeService::SendToMinisters(const Caller& caller, int64_t plan_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kPublishProgramme));
  Plan out;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Plan plan, jointly::GetPlan(tx, plan_id));
    RETURN_IF_ERROR(CanSendToMinisters(plan));
    const std::string now = Now(clock_);
    RETURN_IF_ERROR(SetPlanState(tx, plan_id, PlanState::kWithMinisters, now));
    ASSIGN_OR_RETURN(out, jointly::GetPlan(tx, plan_id));
    return RecordChange(tx, clock_, caller, "send-to-ministers", "plan", plan_id,
                        {{"state", PlanStateId(plan.state)}}, {{"state", PlanStateId(out.state)}});
  }));
  return out;
}

StatusOr<Plan> ProgrammeService::Publish(const Caller& caller, int64_t plan_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kPublishProgramme));
  Plan out;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Plan plan, jointly::GetPlan(tx, plan_id));
    ASSIGN_OR_RETURN(auto comments, CommentsOfPlan(tx, plan_id));
    RETURN_IF_ERROR(CanPublish(plan, comments));
    ASSIGN_OR_RETURN(auto rounds, ListRounds(tx));
    RETURN_IF_ERROR(ConsultationClosedFor(plan, rounds, DayToday(clock_)));
    const std::string now = Now(clock_);
    RETURN_IF_ERROR(SetPlanState(tx, plan_id, PlanState::kPublished, now));
    ASSIGN_OR_RETURN(out, jointly::GetPlan(tx, plan_id));
    ASSIGN_OR_RETURN(ReleasedItem released, BusinessPlanRelease(tx, plan_id, now));
    RETURN_IF_ERROR(ReleaseItem(tx, released));
    return RecordChange(tx, clock_, caller, "publish", "plan", plan_id,
                        {{"state", PlanStateId(plan.state)}}, {{"state", PlanStateId(out.state)}});
  }));
  return out;
}

// The business plan.

namespace {

std::string PartIntro(ProgrammePart part) {
  switch (part) {
    case ProgrammePart::kContinuingCommitments:
      return "Work from earlier programmes that continues: core rolling inspections and "
             "thematic inspections already under way.";
    case ProgrammePart::kNewInspections:
      return "Inspections that arise from this year's planning.";
    case ProgrammePart::kCollaborativeWork:
      return "Work where partner inspectorates help deliver part of one inspectorate's "
             "programme, by sharing information or working together.";
    case ProgrammePart::kScoping:
      return "Studies to decide whether, and how, a subject should be inspected.";
    case ProgrammePart::kOtherProgrammes:
      return "Development work to improve how the inspectorates work together, and reports "
             "that draw on published findings.";
  }
  return "";
}

// Who signs the plan and how to reach the inspectorates, from the
// directory: the open CJ inspectorates' Chief Inspectors (each one's
// current member of CJCIG, or the directory's head where CJCIG has none
// recorded) and addresses, the joint secretariat's address and the joint
// website, and a note of each closed CJ inspectorate.
void AddDirectory(PlanDocument& doc, const std::vector<Inspectorate>& inspectorates,
                  const std::vector<Member>& members) {
  std::map<int64_t, const Member*> on_cjcig;
  for (const auto& m : members) {
    if (m.body == GovernanceBody::kCjcig && m.active && !on_cjcig.count(m.inspectorate_id)) {
      on_cjcig[m.inspectorate_id] = &m;
    }
  }
  for (const auto& i : inspectorates) {
    if (i.code == "JOINT-SECRETARIAT") {
      doc.joint_website = i.website;
      doc.secretariat = {i.full_name, i.address, i.website};
    }
    if (!i.is_criminal_justice()) continue;
    if (!i.is_open()) {
      doc.notes.push_back(i.full_name + " closed in " + std::to_string(*i.closed_year) + ".");
      continue;
    }
    if (auto m = on_cjcig.find(i.id); m != on_cjcig.end()) {
      const Member& chief = *m->second;
      doc.chief_inspectors.push_back({chief.name, chief.role.empty() ? i.head_title : chief.role});
    } else if (!i.head_name.empty()) {
      doc.chief_inspectors.push_back({i.head_name, i.head_title});
    }
    if (!i.address.empty() || !i.website.empty()) {
      doc.inspectorates.push_back({i.full_name, i.address, i.website});
    }
  }
}

// "A", "A and B", "A, B and C"
std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

StatusOr<PlanDocument> BusinessPlanIn(Transaction& tx, int64_t plan_id) {
  PlanDocument doc;
  {
    ASSIGN_OR_RETURN(Plan plan, jointly::GetPlan(tx, plan_id));
    ASSIGN_OR_RETURN(auto proposals, ListProposals(tx));
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    std::map<int64_t, const Proposal*> by_id;
    for (const auto& p : proposals) by_id[p.id] = &p;
    doc.year_label = plan.label();
    doc.title = "Joint inspection business plan " + plan.label();
    doc.draft = plan.state != PlanState::kPublished;
    doc.status_line = std::string(PlanStateLabel(plan.state));
    doc.state = plan.state;
    doc.first_year = plan.first_year;
    doc.introduction = Paragraphs(plan.introduction);
    doc.context = ContextSections(plan.context);
    ASSIGN_OR_RETURN(auto members, ListRecords(tx, MemberRecord(), {}));
    AddDirectory(doc, inspectorates, members.items);
    for (ProgrammePart part : kAllParts) {
      PlanDocument::Part section;
      section.heading = std::string(PartLabel(part));
      section.intro = PartIntro(part);
      for (const auto& item : plan.items) {
        auto it = by_id.find(item.proposal_id);
        if (it == by_id.end() || PartInPlan(plan, item, *it->second) != part) continue;
        const Proposal& p = *it->second;
        std::vector<std::string> leads;
        std::vector<std::string> others;
        for (const auto& participant : p.participants) {
          const std::string name = NameOf(inspectorates, participant.inspectorate_id);
          if (participant.involvement == Involvement::kLead ||
              participant.involvement == Involvement::kJointLead) {
            // A joint body leads under its full name ("CJJI Development Group").
            const Inspectorate* lead = Find(inspectorates, participant.inspectorate_id);
            const bool joint_body = lead && lead->kind == InspectorateKind::kJointBody;
            if (joint_body) section.lead_header = "Lead body";
            leads.push_back(joint_body ? lead->full_name : name);
          } else {
            others.push_back(name);
          }
        }
        PlanDocument::Row row;
        row.subject = p.title;
        row.lead = leads.size() == 2 ? leads[0] + " & " + leads[1] : JoinNames(leads);
        row.others = JoinNames(others);
        row.description = p.summary;
        row.type = std::string(WorkTypeLabel(p.type));
        row.timing = ItemTiming(plan, item, p);
        section.rows.push_back(std::move(row));
      }
      doc.parts.push_back(std::move(section));
    }
    ASSIGN_OR_RETURN(auto principles,
                     ParseCsv(embedded::ReferenceData().at("inspection_principles.csv")));
    for (size_t i = 1; i < principles.size(); ++i) {
      if (principles[i].fields.size() >= 2) {
        doc.principles.emplace_back(principles[i].fields[0], principles[i].fields[1]);
      }
    }
  }
  return doc;
}

StatusOr<PlanDocument> ProgrammeService::BusinessPlan(const Caller& caller, int64_t plan_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  PlanDocument doc;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(doc, BusinessPlanIn(tx, plan_id));
    return OkStatus();
  }));
  return doc;
}

namespace {

json ContactJson(const PlanDocument::Contact& c) {
  return {{"name", c.name}, {"address", c.address}, {"website", c.website}};
}

PlanDocument::Contact ContactFromJson(const json& j) {
  return {j.value("name", ""), j.value("address", ""), j.value("website", "")};
}

json PartJson(const PlanDocument::Part& part) {
  json rows = json::array();
  for (const auto& r : part.rows) {
    rows.push_back({{"subject", r.subject},
                    {"lead", r.lead},
                    {"others", r.others},
                    {"description", r.description},
                    {"type", r.type},
                    {"timing", r.timing}});
  }
  return {{"heading", part.heading},
          {"intro", part.intro},
          {"lead_header", part.lead_header},
          {"rows", rows},
          {"has_rows", !rows.empty()}};
}

PlanDocument::Part PartFromJson(const json& j) {
  PlanDocument::Part part{j.value("heading", ""),
                          j.value("intro", ""),
                          j.value("lead_header", "Lead inspectorate"),
                          {}};
  for (const auto& r : j.value("rows", json::array())) {
    part.rows.push_back({r.value("subject", ""), r.value("lead", ""), r.value("others", ""),
                         r.value("description", ""), r.value("type", ""), r.value("timing", "")});
  }
  return part;
}

// The business plan as the released copy's content: what the public page
// shows (title, introduction, context, programme by part, signatories)
// and the rest the files hold.
json PlanDocumentJson(const PlanDocument& doc) {
  json content = {{"title", doc.title},
                  {"year", doc.year_label},
                  {"first_year", doc.first_year},
                  {"introduction", doc.introduction},
                  {"notes", doc.notes},
                  {"joint_website", doc.joint_website},
                  {"secretariat", ContactJson(doc.secretariat)}};
  json context = json::array();
  for (const auto& c : doc.context) {
    context.push_back({{"heading", c.heading}, {"paragraphs", c.paragraphs}});
  }
  content["context"] = context;
  json parts = json::array();
  for (const auto& part : doc.parts) parts.push_back(PartJson(part));
  content["parts"] = parts;
  json signatories = json::array();
  for (const auto& s : doc.chief_inspectors) {
    signatories.push_back({{"name", s.name}, {"title", s.title}});
  }
  content["signatories"] = signatories;
  json principles = json::array();
  for (const auto& [name, asks] : doc.principles) principles.push_back({name, asks});
  content["principles"] = principles;
  json inspectorates = json::array();
  for (const auto& c : doc.inspectorates) inspectorates.push_back(ContactJson(c));
  content["inspectorates"] = inspectorates;
  return content;
}

}  // namespace

std::optional<PlanDocument> PlanDocumentFromReleased(const json& content) {
  if (!content.is_object() || !content.contains("principles")) return std::nullopt;
  PlanDocument doc;
  doc.title = content.value("title", "");
  doc.year_label = content.value("year", "");
  doc.first_year = content.value("first_year", 0);
  doc.state = PlanState::kPublished;
  doc.draft = false;
  doc.introduction = content.value("introduction", std::vector<std::string>{});
  doc.notes = content.value("notes", std::vector<std::string>{});
  doc.joint_website = content.value("joint_website", "");
  doc.secretariat = ContactFromJson(content.value("secretariat", json::object()));
  for (const auto& c : content.value("context", json::array())) {
    doc.context.push_back(
        {c.value("heading", ""), c.value("paragraphs", std::vector<std::string>{})});
  }
  for (const auto& part : content.value("parts", json::array())) {
    doc.parts.push_back(PartFromJson(part));
  }
  for (const auto& s : content.value("signatories", json::array())) {
    doc.chief_inspectors.push_back({s.value("name", ""), s.value("title", "")});
  }
  for (const auto& p : content["principles"]) {
    doc.principles.emplace_back(p.at(0).get<std::string>(), p.at(1).get<std::string>());
  }
  for (const auto& c : content.value("inspectorates", json::array())) {
    doc.inspectorates.push_back(ContactFromJson(c));
  }
  return doc;
}

// The published plan as the public website shows it and offers it to
// download: the whole business plan.
StatusOr<ReleasedItem> BusinessPlanRelease(Transaction& tx, int64_t plan_id,
                                           const std::string& released_at) {
  ASSIGN_OR_RETURN(PlanDocument doc, BusinessPlanIn(tx, plan_id));
  ReleasedItem item;
  for (const auto& paragraph : doc.introduction) item.search_text += paragraph + "\n";
  for (const auto& part : doc.parts) {
    for (const auto& r : part.rows) item.search_text += "\n" + r.subject + "\n" + r.description;
  }
  item.kind = std::string(kReleasedBusinessPlan);
  item.slug = std::to_string(plan_id);
  item.title = doc.title;
  item.summary = "The joint inspection programme of the criminal justice inspectorates for " +
                 doc.year_label + " and the year after.";
  item.content = PlanDocumentJson(doc).dump();
  item.released_at = released_at;
  return item;
}

StatusOr<std::vector<std::vector<std::string>>> ProgrammeService::ProgrammeRows(
    const Caller& caller, int64_t plan_id) {
  ASSIGN_OR_RETURN(PlanDocument doc, BusinessPlan(caller, plan_id));
  std::vector<std::vector<std::string>> rows = {
      {"Part", "Subject", "Type", "Lead inspectorate", "Others involved", "Timing", "Description"}};
  for (const auto& part : doc.parts) {
    for (const auto& r : part.rows) {
      rows.push_back({part.heading, r.subject, r.type, r.lead, r.others, r.timing, r.description});
    }
  }
  return rows;
}

StatusOr<std::vector<AuditEntry>> ProgrammeService::History(const Caller& caller,
                                                            const std::string& entity_type,
                                                            int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  if (entity_type != "proposal" && entity_type != "plan") {
    return InvalidArgument("History is kept for proposals and plans here", "one-of");
  }
  std::vector<AuditEntry> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, AuditOf(tx, entity_type, id));
    return OkStatus();
  }));
  return out;
}

// Reference and demo data.

Status ProgrammeService::LoadReferenceData() {
  ASSIGN_OR_RETURN(auto records, ParseCsv(embedded::ReferenceData().at("criteria_sets.csv")));
  std::vector<CriteriaSet> sets;
  std::vector<std::string> owners;
  for (size_t i = 1; i < records.size(); ++i) {
    const auto& f = records[i].fields;
    if (f.size() != 7) {
      return Internal("criteria_sets.csv line " + std::to_string(records[i].line) +
                      " has the wrong number of fields");
    }
    if (sets.empty() || sets.back().code != f[0]) {
      sets.push_back({});
      sets.back().code = f[0];
      sets.back().name = f[1];
      sets.back().description = f[2];
      owners.push_back(f[3]);
    }
    Criterion c;
    c.name = f[4];
    c.description = f[5];
    c.weight = std::strtod(f[6].c_str(), nullptr);
    sets.back().criteria.push_back(std::move(c));
  }
  for (const auto& s : sets) RETURN_IF_ERROR(ValidateCriteriaSet(s));
  const Caller system = SystemCaller();
  return db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(bool loaded, AlreadyLoaded(tx, kCriteriaLoad));
    if (loaded) return OkStatus();
    const std::string now = Now(clock_);
    for (size_t i = 0; i < sets.size(); ++i) {
      CriteriaSet& s = sets[i];
      if (!owners[i].empty()) {
        ASSIGN_OR_RETURN(auto owner, FindInspectorateByCode(tx, owners[i]));
        if (owner) s.inspectorate_id = owner->id;
      }
      ASSIGN_OR_RETURN(auto existing, FindCriteriaSetByCode(tx, s.code));
      if (existing) continue;
      RETURN_IF_ERROR(InsertCriteriaSet(tx, s, now).status());
      RETURN_IF_ERROR(RecordChange(tx, clock_, system, "reference-data", "criteria_set", s.id,
                                   nullptr, ToJson(s)));
    }
    return MarkLoaded(tx, kCriteriaLoad, now);
  });
}

StatusOr<int64_t> ProgrammeService::LoadDemoProgramme(
    const std::map<int64_t, int64_t>& representatives) {
  const auto& files = embedded::ReferenceData();
  ASSIGN_OR_RETURN(auto records, ParseCsv(files.at("programme_2017_18.csv")));
  const json texts = json::parse(files.at("plan_2017_18.json"));
  const Caller system = SystemCaller();
  int64_t plan_id = 0;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(bool loaded, AlreadyLoaded(tx, kDemoLoad));
    if (loaded) {
      ASSIGN_OR_RETURN(auto existing, FindPlanByYear(tx, texts["first_year"].get<int>()));
      plan_id = existing.value_or(0);
      return OkStatus();
    }
    const std::string now = Now(clock_);
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    std::map<std::string, int64_t> by_code;
    for (const auto& i : inspectorates) by_code[i.code] = i.id;
    auto code_id = [&](const std::string& code) -> StatusOr<int64_t> {
      auto it = by_code.find(code);
      if (it == by_code.end()) return Internal("Demo programme names unknown " + code);
      return it->second;
    };
    ASSIGN_OR_RETURN(auto framework, FindCriteriaSetByCode(tx, "framework"));
    if (!framework) return Internal("The framework criteria set is not loaded");
    Plan plan;
    plan.first_year = texts["first_year"].get<int>();
    plan.criteria_set_id = framework->id;
    plan.introduction = texts["introduction"].get<std::string>();
    plan.context = texts["context"].get<std::string>();
    plan.min_process_coverage = 1;
    // Illustrative capacity: inspector-days each CJ inspectorate gives to
    // joint work in a quarter.
    for (const auto& i : inspectorates) {
      if (i.kind == InspectorateKind::kCriminalJustice && i.is_open()) plan.capacity[i.id] = 160;
    }
    const int h = plan.horizon_start();
    for (size_t r = 1; r < records.size(); ++r) {
      const auto& f = records[r].fields;
      if (f.size() != 8) return Internal("programme_2017_18.csv has a short line");
      Proposal p;
      p.title = f[2];
      p.summary = f[5];
      p.scope_and_purpose = f[5];
      p.main_question = f[7];
      p.type = ParseWorkType(f[1]).value_or(WorkType::kOther);
      p.part = ParsePart(f[0]).value_or(ProgrammePart::kOtherProgrammes);
      p.origin = p.part == ProgrammePart::kContinuingCommitments ? Origin::kPreExistingCommitment
                                                                 : Origin::kInspectorate;
      p.status = ProposalStatus::kProgrammed;
      p.contributes_to_improvement = p.outcome_focused = p.user_perspective = true;
      // Illustrative estimates by type: quarters and the lead's inspector-days.
      int lead_days = 120;
      switch (p.type) {
        case WorkType::kCore:
          p.duration_quarters = 8;
          lead_days = 320;
          break;
        case WorkType::kJointThematic:
          p.duration_quarters = 3;
          lead_days = 180;
          break;
        case WorkType::kScopingStudy:
          p.duration_quarters = 2;
          lead_days = 50;
          break;
        case WorkType::kCollaborative:
          p.duration_quarters = 4;
          lead_days = 80;
          break;
        case WorkType::kOther:
          p.duration_quarters = 4;
          lead_days = 30;
          break;
      }
      const auto leads = Split(f[3], '&');
      for (const auto& code : leads) {
        ASSIGN_OR_RETURN(int64_t id, code_id(code));
        p.participants.push_back({id,
                                  leads.size() == 2 ? Involvement::kJointLead : Involvement::kLead,
                                  lead_days / static_cast<int>(leads.size())});
      }
      if (!f[4].empty()) {
        for (const auto& code : Split(f[4], ';')) {
          ASSIGN_OR_RETURN(int64_t id, code_id(code));
          p.participants.push_back({id, Involvement::kSupport, lead_days / 4});
        }
      }
      for (const auto& focus : Split(f[6], ';')) {
        if (auto parsed = ParseFocus(focus)) p.focus.insert(*parsed);
      }
      RETURN_IF_ERROR(ValidateProposal(p));
      ASSIGN_OR_RETURN(p.id, InsertProposal(tx, p, now));
      p.version = 1;
      RETURN_IF_ERROR(
          RecordChange(tx, clock_, system, "demo-data", "proposal", p.id, nullptr, ToJson(p)));
      plan.items.push_back({p.id, h});
      // Each CJ representative's illustrative scores, varied by stream and
      // inspectorate so that the spread shows.
      for (const auto& [inspectorate, user] : representatives) {
        RepresentativeScore score;
        score.inspectorate_id = inspectorate;
        score.user_id = user;
        for (size_t c = 0; c < framework->criteria.size(); ++c) {
          const size_t k = static_cast<size_t>(inspectorate);
          score.scores[framework->criteria[c].id] =
              1 + static_cast<int>((r * 5 + c * 3 + k * 7 + r * c + r * k) % 5);
        }
        RETURN_IF_ERROR(SaveScores(tx, p.id, *framework, score, now));
      }
    }
    ASSIGN_OR_RETURN(plan_id, InsertPlan(tx, plan, now));
    plan.id = plan_id;
    plan.version = 1;
    RETURN_IF_ERROR(
        RecordChange(tx, clock_, system, "demo-data", "plan", plan_id, nullptr, ToJson(plan)));
    return MarkLoaded(tx, kDemoLoad, now);
  }));
  return plan_id;
}

}  // namespace jointly
