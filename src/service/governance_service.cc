#include "service/governance_service.h"

#include <map>

#include "core/date.h"
#include "core/text.h"
#include "service/audit_trail.h"
#include "store/consultation_store.h"
#include "store/decision_store.h"
#include "store/directory_store.h"
#include "store/governance_store.h"
#include "store/people_store.h"
#include "store/programme_store.h"

namespace jointly {

using nlohmann::json;

namespace {

json OptJson(const std::optional<int64_t>& id) { return id ? json(*id) : json(); }

std::string Now(const Clock& clock) { return FormatTimestamp(clock.NowMicros()); }

}  // namespace

json ToJson(const Member& m) { return RecordJson(MemberRecord(), m); }

json ToJson(const Meeting& m) {
  json agenda = json::array();
  for (const auto& a : m.agenda) agenda.push_back({{"title", a.title}, {"paper", a.paper}});
  return {{"id", m.id},
          {"body", GovernanceBodyId(m.body)},
          {"held_on", m.held_on},
          {"title", m.title},
          {"agenda", agenda},
          {"minutes", m.minutes},
          {"attended", m.attended},
          {"version", m.version}};
}

json ToJson(const MeetingDecision& d) {
  return {{"id", d.id},
          {"meeting_id", d.meeting_id},
          {"text", d.text},
          {"proposal_id", OptJson(d.proposal_id)},
          {"joint_decision_id", OptJson(d.joint_decision_id)}};
}

json ToJson(const Action& a) { return RecordJson(ActionRecord(), a); }

json ToJson(const Referral& r) {
  return {{"id", r.id},
          {"meeting_id", r.meeting_id},
          {"subject", r.subject},
          {"detail", r.detail},
          {"state", ReferralStateId(r.state)},
          {"decided_at_meeting_id", OptJson(r.decided_at_meeting_id)},
          {"decision", r.decision},
          {"version", r.version}};
}

json ToJson(const ReferenceGroup& g) {
  json members = json::array();
  for (const auto& m : g.members)
    members.push_back({{"name", m.name}, {"organisation", m.organisation}});
  json advice = json::array();
  for (const auto& a : g.advice)
    advice.push_back({{"id", a.id}, {"met_on", a.met_on}, {"advice", a.advice}});
  return {{"id", g.id},
          {"proposal_id", g.proposal_id},
          {"name", g.name},
          {"members", members},
          {"advice", advice}};
}

json ToJson(const MeetingView& v) {
  json j = ToJson(v.meeting);
  json decisions = json::array();
  for (const auto& d : v.decisions) decisions.push_back(ToJson(d));
  json actions = json::array();
  for (const auto& a : v.actions) actions.push_back(ToJson(a));
  json referred = json::array();
  for (const auto& r : v.referred) referred.push_back(ToJson(r));
  json decided = json::array();
  for (const auto& r : v.decided) decided.push_back(ToJson(r));
  j["decisions"] = decisions;
  j["actions"] = actions;
  j["referred"] = referred;
  j["decided_referrals"] = decided;
  return j;
}

StatusOr<std::vector<std::string>> OwnerNamesOf(Transaction& tx, const User& me) {
  std::vector<std::string> names = {me.name, me.email};
  ASSIGN_OR_RETURN(auto members, ListRecords(tx, MemberRecord(), {}));
  for (auto& m : members.items) {
    if (OwnerNames(m.email, {me.email})) names.push_back(std::move(m.name));
  }
  return names;
}

namespace {

StatusOr<GovernanceView> ReadOverview(Transaction& tx) {
  GovernanceView out;
  ASSIGN_OR_RETURN(auto members, ListRecords(tx, MemberRecord(), {}));
  out.members = std::move(members.items);
  ASSIGN_OR_RETURN(out.meetings, ListMeetings(tx));
  ASSIGN_OR_RETURN(auto open, ListRecords(tx, ActionRecord(), {.equal = {{"status", "open"}}}));
  out.open_actions = std::move(open.items);
  ASSIGN_OR_RETURN(out.referrals, ListReferrals(tx));
  ASSIGN_OR_RETURN(out.reference_groups, ListReferenceGroups(tx));
  return out;
}

// Every name an action's owner may give anyone who uses Jointly by.
StatusOr<std::vector<std::string>> EveryOwnerName(Transaction& tx) {
  std::vector<std::string> out;
  ASSIGN_OR_RETURN(auto users, ListUsers(tx));
  for (const auto& u : users) {
    if (!u.active) continue;
    ASSIGN_OR_RETURN(auto names, OwnerNamesOf(tx, u));
    out.insert(out.end(), names.begin(), names.end());
  }
  return out;
}

// Everyone who uses Jointly by e-mail address in lower case, for showing an
// owner written as an address by name.
StatusOr<std::map<std::string, std::string>> PeopleByEmail(Transaction& tx) {
  std::map<std::string, std::string> out;
  ASSIGN_OR_RETURN(auto users, ListUsers(tx));
  for (auto& u : users) {
    if (u.active) out[AsciiLower(Trim(u.email))] = std::move(u.name);
  }
  return out;
}

// The years of chairs the overview shows.
constexpr int kChairYearsShown = 6;

}  // namespace

StatusOr<GovernanceView> GovernanceService::Overview(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  GovernanceView out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ReadOverview(tx));
    return OkStatus();
  }));
  return out;
}

StatusOr<GovernancePage> GovernanceService::ViewGovernance(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  GovernancePage out;
  out.this_year = FinancialYear::Of(Date::DayOf(clock_.NowMicros())).start_year();
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.overview, ReadOverview(tx));
    ASSIGN_OR_RETURN(out.rotation, GetRotation(tx));
    ASSIGN_OR_RETURN(out.inspectorates, ListInspectorates(tx));
    ASSIGN_OR_RETURN(out.proposal_titles, ListProposalTitles(tx));
    ASSIGN_OR_RETURN(out.people_by_email, PeopleByEmail(tx));
    return OkStatus();
  }));
  if (out.rotation) out.chairs = ChairsFrom(*out.rotation, out.this_year, kChairYearsShown);
  return out;
}

namespace {

Status InspectorateExists(Transaction& tx, const Member& m) {
  if (GetInspectorate(tx, m.inspectorate_id).ok()) return OkStatus();
  return std::move(InvalidArgument("No such inspectorate", "unknown-inspectorate")
                       .AddFieldError("inspectorate_id", "unknown-inspectorate",
                                      "Choose an inspectorate from the directory"));
}

}  // namespace

GovernanceService::GovernanceService(Database& db, const Clock& clock)
    : db_(db),
      clock_(clock),
      members_(
          db, clock, MemberRecord(),
          [&clock](const Member* before, const Member& after) {
            return CheckLeavingDate(before, after, DayToday(clock));
          },
          [](Transaction& tx, const Member*, const Member& after) {
            return InspectorateExists(tx, after);
          }),
      actions_(db, clock, ActionRecord(), nullptr,
               [](Transaction& tx, const Action*, const Action& after) -> Status {
                 ASSIGN_OR_RETURN(Meeting meeting, jointly::GetMeeting(tx, after.meeting_id));
                 return CheckDueAfterMeeting(after, meeting);
               }) {}

StatusOr<Member> GovernanceService::AddMember(const Caller& caller, Member m) {
  m.active = true;
  return members_.Create(caller, m);
}

StatusOr<Member> GovernanceService::UpdateMember(const Caller& caller, int64_t id, int64_t version,
                                                 const std::function<Status(Member&)>& change) {
  return members_.Update(caller, id, version, change);
}

StatusOr<Member> GovernanceService::GetMember(const Caller& caller, int64_t id) {
  return members_.Get(caller, id);
}

StatusOr<MemberPage> GovernanceService::ViewMember(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, MemberRecord().write));
  MemberPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.member, GetRecord(tx, MemberRecord(), id));
    ASSIGN_OR_RETURN(out.inspectorates, ListInspectorates(tx));
    return OkStatus();
  }));
  return out;
}

StatusOr<MeetingView> GovernanceService::View(Transaction& tx, int64_t id) {
  MeetingView v;
  ASSIGN_OR_RETURN(v.meeting, jointly::GetMeeting(tx, id));
  ASSIGN_OR_RETURN(v.decisions, DecisionsOf(tx, id));
  ASSIGN_OR_RETURN(auto actions, ListRecords(tx, ActionRecord(), {.equal = {{"meeting_id", id}}}));
  v.actions = std::move(actions.items);
  ASSIGN_OR_RETURN(auto referrals, ListReferrals(tx));
  for (const auto& r : referrals) {
    if (r.meeting_id == id) v.referred.push_back(r);
    if (r.decided_at_meeting_id == id) v.decided.push_back(r);
  }
  ASSIGN_OR_RETURN(auto members, ListRecords(tx, MemberRecord(), {}));
  for (auto& member : members.items) {
    if (SatOnBodyAt(member, v.meeting)) v.members.push_back(std::move(member));
  }
  return v;
}

Status GovernanceService::CheckMeeting(Transaction& tx, const Meeting& m) {
  Status s = MergeErrors(ValidateMeeting(m), CheckMinutesOnceHeld(m, DayToday(clock_)));
  ASSIGN_OR_RETURN(auto members, ListRecords(tx, MemberRecord(), {}));
  s = MergeErrors(std::move(s), CheckAttendance(m, members.items));
  if (m.id == 0) return s;
  ASSIGN_OR_RETURN(auto actions,
                   ListRecords(tx, ActionRecord(), {.equal = {{"meeting_id", m.id}}}));
  for (const auto& a : actions.items) {
    Status early = CheckDueAfterMeeting(a, m);
    if (early.ok()) continue;
    Validation v;
    v.Add("held_on", "due-after-meeting",
          "The meeting must be on or before the day its actions fall due, " +
              Date::ParseOrNone(a.due_on).ToDayMonthYear() + " (“" + a.text +
              "”): change that action first");
    return MergeErrors(std::move(s), v.Finish(early.message()));
  }
  return s;
}

StatusOr<MeetingView> GovernanceService::CreateMeeting(const Caller& caller, Meeting m) {
  RETURN_IF_ERROR(Require(caller, Permission::kRecordGovernance));
  m.id = 0;
  MeetingView out;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(CheckMeeting(tx, m));
    ASSIGN_OR_RETURN(m.id, InsertMeeting(tx, m, Now(clock_)));
    ASSIGN_OR_RETURN(out, View(tx, m.id));
    return RecordChange(tx, clock_, caller, "create", "meeting", m.id, nullptr,
                        ToJson(out.meeting));
  }));
  return out;
}

StatusOr<MeetingView> GovernanceService::UpdateMeeting(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(Meeting&)>& change) {
  RETURN_IF_ERROR(Require(caller, Permission::kRecordGovernance));
  MeetingView out;
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(const Meeting before, jointly::GetMeeting(tx, id));
    if (before.version != version) return StaleOrMissing(tx, "meetings", "meeting", id, version);
    Meeting after = before;
    // What could not be read is reported with the checks of the rest.
    const Status unread = change(after);
    if (!unread.ok() && unread.code() != StatusCode::kInvalidArgument) return unread;
    after.id = id;
    after.version = version;
    RETURN_IF_ERROR(MergeErrors(unread, CheckMeeting(tx, after)));
    if (ToJson(after) != ToJson(before)) {
      RETURN_IF_ERROR(SaveMeeting(tx, after, Now(clock_)));
      ASSIGN_OR_RETURN(out, View(tx, id));
      return RecordChange(tx, clock_, caller, "update", "meeting", id, ToJson(before),
                          ToJson(out.meeting));
    }
    ASSIGN_OR_RETURN(out, View(tx, id));
    return OkStatus();
  });
  if (s.code() == StatusCode::kAborted) {
    return ConflictDetail(db_, std::move(s), "meeting", id, version,
                          [id](Transaction& tx) -> StatusOr<json> {
                            ASSIGN_OR_RETURN(Meeting m, jointly::GetMeeting(tx, id));
                            return ToJson(m);
                          });
  }
  RETURN_IF_ERROR(s);
  return out;
}

StatusOr<MeetingView> GovernanceService::GetMeeting(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  MeetingView out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, View(tx, id));
    return OkStatus();
  }));
  return out;
}

StatusOr<MeetingPage> GovernanceService::ViewMeeting(const Caller& caller, int64_t meeting_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  MeetingPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.view, View(tx, meeting_id));
    ASSIGN_OR_RETURN(auto referrals, ListReferrals(tx));
    ASSIGN_OR_RETURN(auto meetings, ListMeetings(tx));
    std::map<int64_t, const Meeting*> by_id;
    for (const auto& m : meetings) by_id[m.id] = &m;
    // Only what was referred by the day of this meeting can be decided at it.
    for (auto& r : referrals) {
      auto from = by_id.find(r.meeting_id);
      if (r.state == ReferralState::kOpen && from != by_id.end() &&
          CanDecideReferralAt(*from->second, out.view.meeting))
        out.open_referrals.push_back(std::move(r));
    }
    ASSIGN_OR_RETURN(out.proposal_titles, ListProposalTitles(tx));
    ASSIGN_OR_RETURN(out.joint_decisions, ListDecisionSubjects(tx));
    ASSIGN_OR_RETURN(User me, GetUser(tx, caller.user_id));
    ASSIGN_OR_RETURN(const auto names, OwnerNamesOf(tx, me));
    ASSIGN_OR_RETURN(const auto everyone, EveryOwnerName(tx));
    for (const auto& a : out.view.actions) {
      if (ActionOwnedBy(a, names)) out.mine.push_back(a.id);
      if (!ActionOwnedBy(a, everyone)) out.unowned.push_back(a.id);
    }
    ASSIGN_OR_RETURN(out.people_by_email, PeopleByEmail(tx));
    return OkStatus();
  }));
  return out;
}

StatusOr<MeetingDecision> GovernanceService::AddDecision(const Caller& caller, MeetingDecision d) {
  RETURN_IF_ERROR(Require(caller, Permission::kRecordGovernance));
  RETURN_IF_ERROR(ValidateMeetingDecision(d));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(jointly::GetMeeting(tx, d.meeting_id).status());
    Validation v;
    if (d.proposal_id && !GetProposal(tx, *d.proposal_id).ok()) {
      v.Add("proposal_id", "unknown-proposal", "Choose a proposal on the long-list");
    }
    if (d.joint_decision_id && !GetDecision(tx, *d.joint_decision_id).ok()) {
      v.Add("joint_decision_id", "unknown-decision", "Choose a joint decision that exists");
    }
    RETURN_IF_ERROR(v.Finish());
    ASSIGN_OR_RETURN(d.id, InsertMeetingDecision(tx, d, Now(clock_)));
    return RecordChange(tx, clock_, caller, "decide", "meeting", d.meeting_id, nullptr, ToJson(d));
  }));
  return d;
}

StatusOr<Action> GovernanceService::AddAction(const Caller& caller, Action a) {
  a.status = ActionStatus::kOpen;
  return actions_.Create(caller, a);
}

StatusOr<Action> GovernanceService::UpdateAction(const Caller& caller, int64_t id, int64_t version,
                                                 const std::function<Status(Action&)>& change) {
  return actions_.Update(caller, id, version, change);
}

StatusOr<Action> GovernanceService::SetActionStatus(const Caller& caller, int64_t id,
                                                    ActionStatus status, int64_t version) {
  return UpdateAction(caller, id, version, [status](Action& a) {
    a.status = status;
    return OkStatus();
  });
}

StatusOr<Action> GovernanceService::MarkActionDone(const Caller& caller, int64_t id,
                                                   int64_t version) {
  if (Require(caller, ActionRecord().write).ok()) {
    return SetActionStatus(caller, id, ActionStatus::kDone, version);
  }
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  Action out;
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(User me, GetUser(tx, caller.user_id));
    ASSIGN_OR_RETURN(const auto names, OwnerNamesOf(tx, me));
    ASSIGN_OR_RETURN(const Action current, GetRecord(tx, ActionRecord(), id));
    // Someone else's action is none of theirs to see changed.
    if (!ActionOwnedBy(current, names)) return NotFound("No such action");
    ASSIGN_OR_RETURN(out, actions_.UpdateIn(tx, caller, id, version, [](Action& a) {
      a.status = ActionStatus::kDone;
      return OkStatus();
    }));
    return OkStatus();
  });
  if (s.code() == StatusCode::kAborted) {
    return ConflictDetail(db_, std::move(s), ActionRecord().name, id, version,
                          [id](Transaction& tx) -> StatusOr<json> {
                            ASSIGN_OR_RETURN(Action a, GetRecord(tx, ActionRecord(), id));
                            return ToJson(a);
                          });
  }
  RETURN_IF_ERROR(s);
  return out;
}

StatusOr<bool> GovernanceService::OwnerUsesJointly(const Caller& caller, const std::string& owner) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  bool out = false;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(const auto everyone, EveryOwnerName(tx));
    out = OwnerNames(owner, everyone);
    return OkStatus();
  }));
  return out;
}

StatusOr<Referral> GovernanceService::Refer(const Caller& caller, Referral r) {
  RETURN_IF_ERROR(Require(caller, Permission::kRecordGovernance));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Meeting from, jointly::GetMeeting(tx, r.meeting_id));
    RETURN_IF_ERROR(CanRefer(from, r));
    r.state = ReferralState::kOpen;
    ASSIGN_OR_RETURN(r.id, InsertReferral(tx, r, Now(clock_)));
    r.version = 1;
    return RecordChange(tx, clock_, caller, "refer", "referral", r.id, nullptr, ToJson(r));
  }));
  return r;
}

StatusOr<Referral> GovernanceService::DecideReferral(const Caller& caller, int64_t referral_id,
                                                     int64_t cjcig_meeting_id,
                                                     const std::string& decision) {
  RETURN_IF_ERROR(Require(caller, Permission::kRecordGovernance));
  Referral r;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(r, GetReferral(tx, referral_id));
    ASSIGN_OR_RETURN(Meeting at, jointly::GetMeeting(tx, cjcig_meeting_id));
    ASSIGN_OR_RETURN(Meeting from, jointly::GetMeeting(tx, r.meeting_id));
    const json before = ToJson(r);
    RETURN_IF_ERROR(jointly::DecideReferral(r, from, at, decision));
    RETURN_IF_ERROR(SaveReferralDecision(tx, r, Now(clock_)));
    r.version += 1;
    return RecordChange(tx, clock_, caller, "decide", "referral", r.id, before, ToJson(r));
  }));
  return r;
}

StatusOr<ReferenceGroup> GovernanceService::CreateReferenceGroup(const Caller& caller,
                                                                 ReferenceGroup g) {
  RETURN_IF_ERROR(Require(caller, Permission::kRecordGovernance));
  RETURN_IF_ERROR(ValidateReferenceGroup(g));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    if (!GetProposal(tx, g.proposal_id).ok()) {
      return std::move(InvalidArgument("No such proposal", "unknown-proposal")
                           .AddFieldError("proposal_id", "unknown-proposal",
                                          "Choose a work stream on the long-list"));
    }
    ASSIGN_OR_RETURN(g.id, InsertReferenceGroup(tx, g, Now(clock_)));
    return RecordChange(tx, clock_, caller, "create", "reference_group", g.id, nullptr, ToJson(g));
  }));
  return g;
}

StatusOr<ReferenceGroup> GovernanceService::AddGroupMember(const Caller& caller, int64_t group_id,
                                                           const ReferenceGroupMember& member) {
  RETURN_IF_ERROR(Require(caller, Permission::kRecordGovernance));
  ReferenceGroup g;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(g, GetReferenceGroup(tx, group_id));
    const json before = ToJson(g);
    g.members.push_back(member);
    RETURN_IF_ERROR(ValidateReferenceGroup(g));
    RETURN_IF_ERROR(InsertGroupMember(tx, group_id, member));
    return RecordChange(tx, clock_, caller, "update", "reference_group", g.id, before, ToJson(g));
  }));
  return g;
}

StatusOr<ReferenceGroup> GovernanceService::AddAdvice(const Caller& caller, int64_t group_id,
                                                      Advice advice) {
  RETURN_IF_ERROR(Require(caller, Permission::kRecordGovernance));
  RETURN_IF_ERROR(ValidateAdvice(advice));
  ReferenceGroup g;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(g, GetReferenceGroup(tx, group_id));
    const json before = ToJson(g);
    ASSIGN_OR_RETURN(advice.id, InsertAdvice(tx, group_id, advice, Now(clock_)));
    g.advice.push_back(advice);
    return RecordChange(tx, clock_, caller, "advise", "reference_group", g.id, before, ToJson(g));
  }));
  return g;
}

}  // namespace jointly
