// Governance of the joint programme (R20): CJCIG, the Development Group and
// the Joint Secretariat with their members, meetings with agenda, papers,
// decisions and actions, Development Group referrals to CJCIG, and the
// external reference groups that advise on a work stream (R10). Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/record.h"

namespace jointly {

enum class GovernanceBody { kCjcig, kDevelopmentGroup, kSecretariat };
std::string_view GovernanceBodyId(GovernanceBody body);
std::string_view GovernanceBodyLabel(GovernanceBody body);
std::optional<GovernanceBody> ParseGovernanceBody(std::string_view id);
inline constexpr GovernanceBody kAllGovernanceBodies[] = {
    GovernanceBody::kCjcig, GovernanceBody::kDevelopmentGroup, GovernanceBody::kSecretariat};

// Someone who sits on a body for their inspectorate.
struct Member {
  int64_t id = 0;
  GovernanceBody body = GovernanceBody::kCjcig;
  int64_t inspectorate_id = 0;
  std::string name;
  std::string role;  // "Chief Inspector", "Head of Joint Work"
  std::string email;
  bool active = true;
  std::string left_on;  // YYYY-MM-DD: the day a former member left
  int64_t version = 0;
};
// A member described once: body, inspectorate, name, role, e-mail, active,
// the day they left.
const RecordType<Member>& MemberRecord();
Status ValidateMember(const Member& member, Date today = Date());
// A former member has the day they left and a current one none, each error
// at its field "left_on" (rule "leaving-date"); the day they left is not
// after `today`, when given (rule "not-in-future").
Status CheckLeavingDate(const Member* before, const Member& after, Date today);

struct AgendaItem {
  std::string title;
  std::string paper;  // the paper tabled for it, if any ("Paper 3: draft programme")
};

struct Meeting {
  int64_t id = 0;
  GovernanceBody body = GovernanceBody::kCjcig;
  std::string held_on;  // YYYY-MM-DD
  std::string title;
  std::vector<AgendaItem> agenda;
  std::string minutes;            // once it has been held
  std::vector<int64_t> attended;  // the members who attended, once held
  int64_t version = 0;
};
inline constexpr size_t kMaxAgendaItems = 50;
inline constexpr size_t kMaxMinutesChars = 20000;
// InvalidArgument naming each bad field: a title, a date, 1-50 agenda
// items each with a title, minutes of at most 20,000 characters.
Status ValidateMeeting(const Meeting& meeting);
// A meeting may be recorded ahead, with its agenda; its minutes and who
// attended wait until its day has come: InvalidArgument at "minutes" and
// "attended" (rule "minutes-once-held") for a meeting dated after `today`.
Status CheckMinutesOnceHeld(const Meeting& meeting, Date today);
// Whether `member` sat on the meeting's body on the day it was held: a
// member of that body who is current or left on that day or later.
bool SatOnBodyAt(const Member& member, const Meeting& meeting);
// Only those who sat on the body that day attend, each once:
// InvalidArgument at "attended" (rule "attended-a-member") otherwise.
Status CheckAttendance(const Meeting& meeting, const std::vector<Member>& members);

// What a meeting decided, linked to what it concerns.
struct MeetingDecision {
  int64_t id = 0;
  int64_t meeting_id = 0;
  std::string text;
  std::optional<int64_t> proposal_id;
  std::optional<int64_t> joint_decision_id;
};
Status ValidateMeetingDecision(const MeetingDecision& decision);

enum class ActionStatus { kOpen, kDone };
inline constexpr ActionStatus kAllActionStatuses[] = {ActionStatus::kOpen, ActionStatus::kDone};
std::string_view ActionStatusId(ActionStatus status);
std::string_view ActionStatusLabel(ActionStatus status);
std::optional<ActionStatus> ParseActionStatus(std::string_view id);

struct Action {
  int64_t id = 0;
  int64_t meeting_id = 0;
  std::string text;
  std::string owner;
  std::string due_on;  // YYYY-MM-DD
  ActionStatus status = ActionStatus::kOpen;
  int64_t version = 0;
};
// An action described once: what, who owns it, when it is due, whether it
// is done; it belongs to the meeting that agreed it. Versioned.
const RecordType<Action>& ActionRecord();
Status ValidateAction(const Action& action);
// An action is agreed at its meeting, so it falls due on the meeting's day
// or later: InvalidArgument (field "due_on", rule "due-after-meeting")
// otherwise.
Status CheckDueAfterMeeting(const Action& action, const Meeting& meeting);
// Whether an owner written as text (of an action, or an inspection's task)
// names someone: one of `names` (their name, their e-mail address, ...),
// whatever the case and the spaces around it.
bool OwnerNames(std::string_view owner, const std::vector<std::string>& names);
// Whether an action's owner names someone, as OwnerNames.
bool ActionOwnedBy(const Action& action, const std::vector<std::string>& names);
// An owner as people read it: the name of the person whose e-mail address
// it is (`people_by_email`, keyed by the address in lower case), or the
// owner as written.
std::string OwnerShownAs(std::string_view owner,
                         const std::map<std::string, std::string>& people_by_email);
// Open and due on or before `today`.
bool IsOverdue(const Action& action, const std::string& today);
// How an action stands on `today`, in the one word every page shows:
// "Overdue" once its due day has passed, "Due today" on it, "" when done
// or not yet due.
std::string_view ActionDueLabel(const Action& action, const std::string& today);

// An issue the Development Group refers to CJCIG, tracked until CJCIG
// decides.
enum class ReferralState { kOpen, kDecided };
inline constexpr ReferralState kAllReferralStates[] = {ReferralState::kOpen,
                                                       ReferralState::kDecided};
std::string_view ReferralStateId(ReferralState state);

struct Referral {
  int64_t id = 0;
  int64_t meeting_id = 0;  // the Development Group meeting that referred it
  std::string subject;
  std::string detail;
  ReferralState state = ReferralState::kOpen;
  std::optional<int64_t> decided_at_meeting_id;  // the CJCIG meeting
  std::string decision;
  int64_t version = 0;
};
// Only a Development Group meeting refers an issue, with a subject;
// FailedPrecondition (rule "referral") otherwise.
Status CanRefer(const Meeting& from, const Referral& referral);
// Whether a meeting can decide a referral made at `from`: a CJCIG meeting
// held on or after the day the Development Group referred it.
bool CanDecideReferralAt(const Meeting& from, const Meeting& meeting);
// Only CJCIG decides a referral, once, at a meeting held on or after the
// referral, with the decision recorded; FailedPrecondition or
// InvalidArgument (rule "referral") otherwise.
Status DecideReferral(Referral& referral, const Meeting& from, const Meeting& cjcig,
                      const std::string& decision);

// An external reference group advising on one work stream (R10).
struct ReferenceGroupMember {
  std::string name;
  std::string organisation;
};
struct Advice {
  int64_t id = 0;
  std::string met_on;  // YYYY-MM-DD
  std::string advice;
};
struct ReferenceGroup {
  int64_t id = 0;
  int64_t proposal_id = 0;
  std::string name;
  std::vector<ReferenceGroupMember> members;
  std::vector<Advice> advice;
};
Status ValidateReferenceGroup(const ReferenceGroup& group);
Status ValidateAdvice(const Advice& advice);

}  // namespace jointly
