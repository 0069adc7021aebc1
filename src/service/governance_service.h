// Use cases of governance (R20, R10): members of CJCIG, the Development
// Group and the Joint Secretariat; meetings with agenda, papers, decisions
// and actions; Development Group referrals tracked until CJCIG decides;
// external reference groups for a work stream. Thread-safe.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/access.h"
#include "domain/consultation.h"
#include "domain/directory.h"
#include "domain/governance.h"
#include "service/record_service.h"
#include "store/database.h"
#include "store/decision_store.h"

namespace jointly {

struct User;

// The names an owner written as text may give `me` by: their name and
// e-mail address, and the name of each governance member recorded with
// that address (a Development Group member is often recorded by the name
// the minutes use, not the one they signed up with).
StatusOr<std::vector<std::string>> OwnerNamesOf(Transaction& tx, const User& me);

struct GovernanceView {
  std::vector<Member> members;
  std::vector<Meeting> meetings;     // newest first
  std::vector<Action> open_actions;  // soonest due first
  std::vector<Referral> referrals;   // open first
  std::vector<ReferenceGroup> reference_groups;
};

struct MeetingView {
  Meeting meeting;
  std::vector<MeetingDecision> decisions;
  std::vector<Action> actions;
  std::vector<Referral> referred;  // by this meeting (Development Group)
  std::vector<Referral> decided;   // at this meeting (CJCIG)
  std::vector<Member> members;     // of its body on its day: who may have attended
};

// What each page of governance shows, read in one transaction by one call
// (a page is one view), with the labels it needs.

// The overview: bodies and members, meetings, actions due, referrals,
// reference groups and who chairs (R20).
struct GovernancePage {
  GovernanceView overview;
  std::optional<Rotation> rotation;  // none until one is agreed
  int this_year = 0;                 // the financial year of today, as its first year
  std::vector<ChairYear> chairs;     // this year and the five after, once a rotation is agreed
  std::vector<Inspectorate> inspectorates;
  std::map<int64_t, std::string> proposal_titles;  // every proposal's, for work streams
  // who uses Jointly, by e-mail address in lower case: an owner written as
  // one is shown by name (OwnerShownAs)
  std::map<std::string, std::string> people_by_email;
};

// A member, and the inspectorates they may sit for.
struct MemberPage {
  Member member;
  std::vector<Inspectorate> inspectorates;
};

// A meeting, and what its forms offer.
struct MeetingPage {
  MeetingView view;
  // every referral not yet decided that this meeting may decide (a CJCIG
  // meeting held on or after the day it was referred)
  std::vector<Referral> open_referrals;
  std::map<int64_t, std::string> proposal_titles;  // every proposal's
  std::vector<DecisionSubject> joint_decisions;    // newest first
  std::vector<int64_t> mine;  // the actions the caller owns, which they may mark done
  // the actions whose owner names no one who uses Jointly, so no one sees
  // them on their home page
  std::vector<int64_t> unowned;
  std::map<std::string, std::string> people_by_email;  // as GovernancePage's
};

class GovernanceService {
 public:
  GovernanceService(Database& db, const Clock& clock);

  // The pages' views: NotFound if the meeting does not exist.
  StatusOr<GovernancePage> ViewGovernance(const Caller& caller);
  StatusOr<MeetingPage> ViewMeeting(const Caller& caller, int64_t meeting_id);

  StatusOr<GovernanceView> Overview(const Caller& caller);

  StatusOr<Member> AddMember(const Caller& caller, Member member);
  // Applies `change` (any field of the member's description) to the
  // member as of `version`: Aborted if someone changed it since.
  StatusOr<Member> UpdateMember(const Caller& caller, int64_t id, int64_t version,
                                const std::function<Status(Member&)>& change);
  StatusOr<Member> GetMember(const Caller& caller, int64_t id);
  // The member's own page: the member and the inspectorates to choose from.
  StatusOr<MemberPage> ViewMember(const Caller& caller, int64_t id);

  // A meeting held, or to come with its agenda; minutes and who attended
  // only once it has been held.
  StatusOr<MeetingView> CreateMeeting(const Caller& caller, Meeting meeting);
  // Applies `change` (any field, minutes and attendance included) to the
  // meeting as of `version`: Aborted with what changed since if someone
  // changed it. Saved unchanged, it stays as it was, unaudited. Field
  // errors `change` returns (what could not be read) come with the checks
  // of the rest, all at once.
  StatusOr<MeetingView> UpdateMeeting(const Caller& caller, int64_t id, int64_t version,
                                      const std::function<Status(Meeting&)>& change);
  StatusOr<MeetingView> GetMeeting(const Caller& caller, int64_t id);
  // InvalidArgument if the proposal or joint decision it links to does not
  // exist.
  StatusOr<MeetingDecision> AddDecision(const Caller& caller, MeetingDecision decision);
  StatusOr<Action> AddAction(const Caller& caller, Action action);
  // Applies `change` to the action at `version`: Aborted with what changed
  // since if someone else changed it.
  StatusOr<Action> UpdateAction(const Caller& caller, int64_t id, int64_t version,
                                const std::function<Status(Action&)>& change);
  // Aborted if the action changed since `version`.
  StatusOr<Action> SetActionStatus(const Caller& caller, int64_t id, ActionStatus status,
                                   int64_t version);
  // Marks the action done: by whoever records governance, or by its owner
  // (as OwnerNamesOf names them), audited as them; NotFound for anyone
  // else. Aborted with what changed since if it changed since `version`.
  StatusOr<Action> MarkActionDone(const Caller& caller, int64_t id, int64_t version);
  // Whether the owner written as text names anyone who uses Jointly.
  StatusOr<bool> OwnerUsesJointly(const Caller& caller, const std::string& owner);

  // Only from a Development Group meeting.
  StatusOr<Referral> Refer(const Caller& caller, Referral referral);
  // Only at a CJCIG meeting, once.
  StatusOr<Referral> DecideReferral(const Caller& caller, int64_t referral_id,
                                    int64_t cjcig_meeting_id, const std::string& decision);

  StatusOr<ReferenceGroup> CreateReferenceGroup(const Caller& caller, ReferenceGroup group);
  StatusOr<ReferenceGroup> AddGroupMember(const Caller& caller, int64_t group_id,
                                          const ReferenceGroupMember& member);
  StatusOr<ReferenceGroup> AddAdvice(const Caller& caller, int64_t group_id, Advice advice);

 private:
  StatusOr<MeetingView> View(Transaction& tx, int64_t id);
  // The meeting's rules: its shape, minutes and attendance once held, by
  // members of its body that day, and its actions falling due after it.
  Status CheckMeeting(Transaction& tx, const Meeting& m);

  Database& db_;
  const Clock& clock_;
  RecordService<Member> members_;
  RecordService<Action> actions_;
};

nlohmann::json ToJson(const Member& m);
nlohmann::json ToJson(const Meeting& m);
nlohmann::json ToJson(const MeetingDecision& d);
nlohmann::json ToJson(const Action& a);
nlohmann::json ToJson(const Referral& r);
nlohmann::json ToJson(const ReferenceGroup& g);
nlohmann::json ToJson(const MeetingView& v);

}  // namespace jointly
