#include "service/home_service.h"

#include <algorithm>

#include "service/audit_trail.h"
#include "service/consultation_service.h"
#include "service/governance_service.h"
#include "store/consultation_store.h"
#include "store/directory_store.h"
#include "store/fieldwork_store.h"
#include "store/inspection_store.h"
#include "store/people_store.h"
#include "store/programme_store.h"
#include "store/record_store.h"
#include "store/released_store.h"
#include "store/tracker_store.h"

namespace jointly {

bool DueSoon(const std::string& due_on, Date today) {
  const auto due = Date::Parse(due_on);
  return due && today.ok() && due->DaysSince(today) <= kDueSoonDays;
}

namespace {

// The open consultations, soonest deadline first (a round past its
// deadline has closed on its own).
StatusOr<std::vector<ConsultationRound>> OpenRounds(Transaction& tx, Date today) {
  ASSIGN_OR_RETURN(auto rounds, ListRounds(tx));
  std::vector<ConsultationRound> out;
  for (auto& r : rounds) {
    CloseAfterDeadline(r, today);
    if (r.state == RoundState::kOpen) out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.deadline < b.deadline; });
  return out;
}

}  // namespace

// From the released store only (rule public-reads-released-only).
StatusOr<PublicHomePage> HomeService::ViewPublicHome() {
  const Date today = Date::DayOf(clock_.NowMicros());
  PublicHomePage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto rounds, ListReleased(tx, kReleasedConsultation));
    for (const auto& item : rounds) {
      const auto content = nlohmann::json::parse(item.content, nullptr, false);
      if (!content.is_object()) continue;
      ConsultationRound r = RoundFromReleased(content);
      CloseAfterDeadline(r, today);
      if (AcceptsOnlineResponses(r, today).ok()) out.open_rounds.push_back(std::move(r));
    }
    ASSIGN_OR_RETURN(auto summaries, ListReleased(tx, kReleasedSummary));
    for (const auto& item : summaries) {
      const auto content = nlohmann::json::parse(item.content, nullptr, false);
      if (!content.is_object() || !content.contains("summary")) continue;
      ConsultationRound r;
      r.id = content["summary"].value("round_id", int64_t{0});
      r.title = content["summary"].value("title", "");
      r.summary_published = true;
      const auto on = content["summary"].value("published_on", nlohmann::json());
      if (on.is_string()) r.summary_published_on = Date::ParseOrNone(on.get<std::string>());
      out.summaries.push_back(std::move(r));
    }
    return OkStatus();
  }));
  std::stable_sort(out.open_rounds.begin(), out.open_rounds.end(),
                   [](const auto& a, const auto& b) { return a.deadline < b.deadline; });
  std::stable_sort(out.summaries.begin(), out.summaries.end(), [](const auto& a, const auto& b) {
    return a.summary_published_on > b.summary_published_on;
  });
  return out;
}

namespace {

// Who owns task `t` in words: the person with the inspectorate they are on
// the inspection's team for ("Jo Bloggs (HMICFRS)"), or the words it was
// owned by before owners were people.
StatusOr<std::string> TaskOwnerInWords(Transaction& tx, const Task& t,
                                       const std::vector<TeamMember>& teams,
                                       const std::vector<Inspectorate>& inspectorates) {
  if (!t.owner_user_id) return t.owner_name;
  ASSIGN_OR_RETURN(User owner, GetUser(tx, *t.owner_user_id));
  for (const auto& m : teams) {
    if (m.inspection_id != t.inspection_id || m.user_id != owner.id) continue;
    for (const auto& i : inspectorates) {
      if (i.id == m.inspectorate_id) return owner.name + " (" + i.short_name + ")";
    }
  }
  return owner.name;
}

// The tasks due soon on the inspections on whose team the caller is, each
// marked whether the caller owns it: as the person chosen, or, for a task
// whose owner is still words, by name, e-mail address or place on that team.
StatusOr<std::vector<InspectionTaskDue>> TasksDue(Transaction& tx, const Caller& caller,
                                                  const std::vector<Inspectorate>& inspectorates,
                                                  Date today) {
  std::vector<InspectionTaskDue> out;
  ASSIGN_OR_RETURN(auto teams, ListCurrentTeams(tx));
  std::vector<TeamMember> places;
  for (const auto& m : teams) {
    if (m.user_id == caller.user_id) places.push_back(m);
  }
  if (places.empty()) return out;
  ASSIGN_OR_RETURN(User me, GetUser(tx, caller.user_id));
  for (const auto& place : places) {
    ASSIGN_OR_RETURN(Inspection inspection, GetInspection(tx, place.inspection_id));
    std::string inspectorate;
    for (const auto& i : inspectorates) {
      if (i.id == place.inspectorate_id) inspectorate = i.short_name;
    }
    ASSIGN_OR_RETURN(std::vector<std::string> names, OwnerNamesOf(tx, me));
    names.push_back(PlaceOnTeam(place, inspectorate));
    RecordQuery q;
    q.equal.push_back({"inspection_id", place.inspection_id});
    ASSIGN_OR_RETURN(auto tasks, ListRecords(tx, TaskRecord(), q));
    for (auto& t : tasks.items) {
      if (t.status != TaskStatus::kDone && DueSoon(t.due_on, today)) {
        const bool mine = TaskOwnedBy(t, caller.user_id, names);
        ASSIGN_OR_RETURN(std::string owner, TaskOwnerInWords(tx, t, teams, inspectorates));
        out.push_back({std::move(t), inspection.title, std::move(owner), mine});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.task.due_on < b.task.due_on; });
  return out;
}

// The evidence items of the inspections on whose team the caller is that
// their inspectorate has still to quality-assure, and their queries that
// were answered. The team sees every item, OFFICIAL-SENSITIVE or not.
Status EvidenceToDoOf(Transaction& tx, const Caller& caller, HomePage& page) {
  ASSIGN_OR_RETURN(auto teams, ListCurrentTeams(tx));
  for (const auto& m : teams) {
    if (m.user_id != caller.user_id) continue;
    ASSIGN_OR_RETURN(Inspection inspection, GetInspection(tx, m.inspection_id));
    ASSIGN_OR_RETURN(auto items, ListRecords(tx, EvidenceRecord(),
                                             {.equal = {{"inspection_id", m.inspection_id}}}));
    ASSIGN_OR_RETURN(auto reviews, ReviewsOfInspection(tx, m.inspection_id));
    for (auto& item : AwaitingReviewBy(items.items, reviews, m.inspectorate_id)) {
      page.evidence_to_assure.push_back({inspection.id, inspection.title, std::move(item), {}});
    }
    for (auto& query : AnsweredQueriesOf(reviews, caller.user_id)) {
      for (const auto& item : items.items) {
        if (item.id == query.evidence_id) {
          page.answered_queries.push_back({inspection.id, inspection.title, item, query});
        }
      }
    }
  }
  return OkStatus();
}

StatusOr<std::vector<Action>> ActionsDue(Transaction& tx, Date today) {
  ASSIGN_OR_RETURN(auto open, ListRecords(tx, ActionRecord(), {.equal = {{"status", "open"}}}));
  std::vector<Action> out;
  for (auto& a : open.items) {
    if (DueSoon(a.due_on, today)) out.push_back(std::move(a));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.due_on < b.due_on; });
  return out;
}

// The open governance actions `caller` owns, soonest due first, taken out
// of `due` (those due soon, listed for the people who record governance).
Status ActionsOwned(Transaction& tx, const Caller& caller, HomePage& page) {
  ASSIGN_OR_RETURN(User me, GetUser(tx, caller.user_id));
  ASSIGN_OR_RETURN(const std::vector<std::string> names, OwnerNamesOf(tx, me));
  ASSIGN_OR_RETURN(auto open, ListRecords(tx, ActionRecord(), {.equal = {{"status", "open"}}}));
  for (auto& a : open.items) {
    if (ActionOwnedBy(a, names)) page.my_actions.push_back(std::move(a));
  }
  std::stable_sort(page.my_actions.begin(), page.my_actions.end(),
                   [](const auto& a, const auto& b) { return a.due_on < b.due_on; });
  std::erase_if(page.actions, [&](const Action& a) { return ActionOwnedBy(a, names); });
  return OkStatus();
}

}  // namespace

StatusOr<HomePage> HomeService::ViewHome(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  HomePage page;
  page.today = Date::DayOf(clock_.NowMicros());
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    page.inspectorate_count = inspectorates.size();
    for (const auto& i : inspectorates) {
      if (caller.inspectorate_id == i.id) page.inspectorate = i;
    }
    BodyQuery one;
    one.limit = 1;
    ASSIGN_OR_RETURN(auto bodies, ListBodies(tx, one));
    page.body_count = bodies.total;
    ASSIGN_OR_RETURN(page.decisions, decisions_.AwaitingMine(tx, caller));
    ASSIGN_OR_RETURN(page.declined, decisions_.DeclinedAskedBy(tx, caller));
    if (!page.declined.empty()) {
      ASSIGN_OR_RETURN(auto users, ListUsers(tx));
      for (const auto& u : users) page.people[u.id] = u.name.empty() ? u.email : u.name;
      for (const auto& i : inspectorates) page.inspectorate_names[i.id] = i.short_name;
    }
    if (Allows(caller, Permission::kScoreProposals)) {
      auto set = CurrentCriteriaSet(tx);
      if (set.ok()) {
        ASSIGN_OR_RETURN(auto unscored, ProposalsNotScoredBy(tx, *caller.inspectorate_id, set->id,
                                                             kUnscoredShown));
        page.unscored = std::move(unscored.items);
        page.unscored_total = unscored.total;
      } else if (set.status().code() != StatusCode::kNotFound) {
        return set.status();
      }
    }
    ASSIGN_OR_RETURN(page.open_rounds, OpenRounds(tx, page.today));
    ASSIGN_OR_RETURN(page.tasks, TasksDue(tx, caller, inspectorates, page.today));
    RETURN_IF_ERROR(EvidenceToDoOf(tx, caller, page));
    if (Allows(caller, Permission::kRecordGovernance)) {
      ASSIGN_OR_RETURN(page.actions, ActionsDue(tx, page.today));
    }
    RETURN_IF_ERROR(ActionsOwned(tx, caller, page));
    // An inspectorate's own; every inspectorate's for the joint
    // secretariat, which keeps the tracker for them all.
    if (caller.inspectorate_id || Allows(caller, Permission::kTrackRecommendations)) {
      TrackerFilter overdue;
      overdue.inspectorate_id = caller.inspectorate_id;
      overdue.overdue = true;
      overdue.today = page.today.ToIso();
      ASSIGN_OR_RETURN(auto listed, ListTracked(tx, overdue, kTrackerOverdueShown, 0));
      page.tracker_overdue = std::move(listed.items);
      page.tracker_overdue_total = listed.total;
      if (!page.tracker_overdue.empty()) {
        ASSIGN_OR_RETURN(auto owners, TrackedOwners(tx));
        page.tracker_owners.insert(owners.begin(), owners.end());
      }
    }
    return OkStatus();
  }));
  return page;
}

}  // namespace jointly
