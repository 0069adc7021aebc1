#include "domain/joint_decision.h"

#include "core/text.h"

namespace jointly {

std::string_view DecisionStateId(DecisionState state) {
  switch (state) {
    case DecisionState::kAwaiting:
      return "awaiting";
    case DecisionState::kAgreed:
      return "agreed";
    case DecisionState::kDeclined:
      return "declined";
    case DecisionState::kLapsed:
      return "lapsed";
  }
  return "";
}

DecisionState JointDecision::state() const {
  if (!lapsed_at.empty()) return DecisionState::kLapsed;
  for (const auto& [inspectorate, response] : responses) {
    if (!response.agreed) return DecisionState::kDeclined;
  }
  return awaiting().empty() ? DecisionState::kAgreed : DecisionState::kAwaiting;
}

std::set<int64_t> JointDecision::awaiting() const {
  std::set<int64_t> out;
  for (int64_t i : concerned) {
    if (!responses.count(i)) out.insert(i);
  }
  return out;
}

Status ValidateJointDecision(const JointDecision& d) {
  Validation v;
  if (!IsValidUtf8(d.subject) || Trim(d.subject).empty()) {
    v.Add("subject", "required", "Say what is being decided");
  } else if (Utf8Length(d.subject) > 500) {
    v.Add("subject", "max-length", "The subject must be 500 characters or fewer");
  }
  if (d.concerned.size() < 2) {
    v.Add("concerned", "two-or-more", "A joint decision concerns two or more inspectorates");
  }
  return v.Finish();
}

Status Respond(JointDecision& d, int64_t inspectorate_id, DecisionResponse response) {
  if (!d.concerned.count(inspectorate_id)) {
    return PermissionDenied("This decision does not concern your inspectorate", "not-concerned");
  }
  if (d.state() == DecisionState::kLapsed) {
    return FailedPrecondition(
        "This decision has lapsed: a newer version was put to the inspectorates (decision " +
            std::to_string(d.superseded_by) + ")",
        "decided");
  }
  if (d.state() != DecisionState::kAwaiting) {
    return FailedPrecondition(std::string("This decision has already been ") +
                                  (d.state() == DecisionState::kAgreed ? "agreed" : "declined"),
                              "decided");
  }
  if (d.responses.count(inspectorate_id)) {
    return FailedPrecondition("Your inspectorate has already answered", "answered");
  }
  if (!response.agreed && Trim(response.reason).empty()) {
    return std::move(InvalidArgument("Give a reason for declining", "reason-required")
                         .AddFieldError("reason", "reason-required",
                                        "Say why your inspectorate does not agree"));
  }
  d.responses[inspectorate_id] = std::move(response);
  return OkStatus();
}

}  // namespace jointly
