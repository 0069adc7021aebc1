// Joint decisions (R11 "jointly owned"; R3, R8, R14, R18 will use them):
// a decision concerns a set of inspectorates and takes effect only when
// every one of them has agreed through its representative; any one of them
// can decline, with a reason, which ends it. One still awaiting answers
// lapses when a newer version of what it decides is put to them. Pure: who
// may answer for an inspectorate is the caller's business.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "core/status.h"

namespace jointly {

enum class DecisionState { kAwaiting, kAgreed, kDeclined, kLapsed };
inline constexpr DecisionState kAllDecisionStates[] = {
    DecisionState::kAwaiting, DecisionState::kAgreed, DecisionState::kDeclined,
    DecisionState::kLapsed};
std::string_view DecisionStateId(DecisionState state);

struct DecisionResponse {
  bool agreed = false;
  std::string reason;  // required when declining
  int64_t by_user_id = 0;
  std::string at;
};

struct JointDecision {
  int64_t id = 0;
  std::string subject;          // what is being decided, in plain English
  std::set<int64_t> concerned;  // inspectorates that must all agree
  std::map<int64_t, DecisionResponse> responses;
  int64_t version = 0;
  // Set when a newer version of what it decides was put to the
  // inspectorates before every one had answered: then it has lapsed.
  std::string lapsed_at;
  int64_t superseded_by = 0;  // the decision about the newer version

  DecisionState state() const;
  // Concerned inspectorates that have not answered yet.
  std::set<int64_t> awaiting() const;
};

// InvalidArgument unless the subject is set and at least two inspectorates
// are concerned (one alone needs no joint decision).
Status ValidateJointDecision(const JointDecision& decision);

// Records `inspectorate_id`'s answer. PermissionDenied (rule
// "not-concerned") if that inspectorate is not concerned;
// FailedPrecondition (rule "decided") once the decision has taken effect,
// been declined or lapsed, or (rule "answered") if this inspectorate already
// answered; InvalidArgument (field "reason") for a decline without reason.
Status Respond(JointDecision& decision, int64_t inspectorate_id, DecisionResponse response);

}  // namespace jointly
