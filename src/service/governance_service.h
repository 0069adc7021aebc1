// Use cases of governance (R20, R10): members of CJCIG, the Development
// Group and the Joint Secretariat; meetings with agenda, papers, decisions
// and actions; Development Group referrals tracked until CJCIG decides;
// external reference groups for a work stream. Thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/clock.h"
#include "domain/access.h"
#include "domain/governance.h"
#include "service/record_service.h"
#include "store/database.h"

namespace jointly {

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
};

class GovernanceService {
 public:
  GovernanceService(Database& db, const Clock& clock);

  StatusOr<GovernanceView> Overview(const Caller& caller);

  StatusOr<Member> AddMember(const Caller& caller, Member member);
  // Applies `change` (any field of the member's description).
  StatusOr<Member> UpdateMember(const Caller& caller, int64_t id,
                                const std::function<Status(Member&)>& change);
  StatusOr<Member> SetMemberActive(const Caller& caller, int64_t id, bool active);

  StatusOr<MeetingView> CreateMeeting(const Caller& caller, Meeting meeting);
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
