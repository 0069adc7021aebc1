#include "domain/governance.h"

#include "core/clock.h"
#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {

std::string_view GovernanceBodyId(GovernanceBody body) {
  switch (body) {
    case GovernanceBody::kCjcig:
      return "cjcig";
    case GovernanceBody::kDevelopmentGroup:
      return "development_group";
    case GovernanceBody::kSecretariat:
      return "secretariat";
  }
  return "";
}

std::string_view GovernanceBodyLabel(GovernanceBody body) {
  switch (body) {
    case GovernanceBody::kCjcig:
      return "Criminal Justice Chief Inspectors' Group";
    case GovernanceBody::kDevelopmentGroup:
      return "Development Group";
    case GovernanceBody::kSecretariat:
      return "Joint Secretariat";
  }
  return "";
}

std::optional<GovernanceBody> ParseGovernanceBody(std::string_view id) {
  return ParseById(id, kAllGovernanceBodies, GovernanceBodyId);
}

Status ValidateMember(const Member& m) {
  Validation v;
  v.Line("name", m.name, 200, true, "the member's name");
  v.Line("role", m.role, 200, false, "the role");
  v.Line("email", m.email, 254, false, "the email address");
  if (m.inspectorate_id <= 0) v.Add("inspectorate_id", "required", "Choose the inspectorate");
  return v.Finish();
}

Status ValidateMeeting(const Meeting& m) {
  Validation v;
  v.Line("title", m.title, 200, true, "the meeting's title");
  v.Date("held_on", m.held_on, "the date of the meeting");
  if (m.agenda.empty() || m.agenda.size() > kMaxAgendaItems) {
    v.Add("agenda", "count", "An agenda has from 1 to 50 items");
  }
  for (size_t i = 0; i < m.agenda.size() && i < kMaxAgendaItems; ++i) {
    const std::string field = "agenda[" + std::to_string(i) + "]";
    v.Line(field + ".title", m.agenda[i].title, 500, true, "agenda item " + std::to_string(i + 1));
    v.Line(field + ".paper", m.agenda[i].paper, 500, false, "its paper");
  }
  return v.Finish();
}

Status ValidateMeetingDecision(const MeetingDecision& d) {
  Validation v;
  v.Text("text", d.text, 5000, true, "what was decided");
  return v.Finish();
}

std::string_view ActionStatusId(ActionStatus status) {
  return status == ActionStatus::kDone ? "done" : "open";
}

std::optional<ActionStatus> ParseActionStatus(std::string_view id) {
  constexpr ActionStatus kAll[] = {ActionStatus::kOpen, ActionStatus::kDone};
  return ParseById(id, kAll, ActionStatusId);
}

Status ValidateAction(const Action& a) {
  Validation v;
  v.Text("text", a.text, 2000, true, "the action");
  v.Line("owner", a.owner, 200, true, "who owns the action");
  v.Date("due_on", a.due_on, "when it is due");
  return v.Finish();
}

bool IsOverdue(const Action& a, const std::string& today) {
  const auto due = ParseIsoDate(a.due_on);
  const auto now = ParseIsoDate(today);
  return a.status == ActionStatus::kOpen && due && now && *due <= *now;
}

std::string_view ReferralStateId(ReferralState state) {
  return state == ReferralState::kDecided ? "decided" : "open";
}

Status CanRefer(const Meeting& from, const Referral& r) {
  if (from.body != GovernanceBody::kDevelopmentGroup) {
    return FailedPrecondition("Only the Development Group refers issues to CJCIG", "referral");
  }
  Validation v;
  v.Line("subject", r.subject, 200, true, "the issue referred");
  v.Text("detail", r.detail, 5000, false, "the detail");
  return v.Finish();
}

Status DecideReferral(Referral& r, const Meeting& cjcig, const std::string& decision) {
  if (cjcig.body != GovernanceBody::kCjcig) {
    return FailedPrecondition("Only CJCIG decides a referral from the Development Group",
                              "referral");
  }
  if (r.state == ReferralState::kDecided) {
    return FailedPrecondition("CJCIG has already decided this referral", "referral");
  }
  Validation v;
  v.Text("decision", decision, 5000, true, "CJCIG's decision");
  RETURN_IF_ERROR(v.Finish());
  r.state = ReferralState::kDecided;
  r.decided_at_meeting_id = cjcig.id;
  r.decision = std::string(Trim(decision));
  return OkStatus();
}

Status ValidateReferenceGroup(const ReferenceGroup& g) {
  Validation v;
  v.Line("name", g.name, 200, true, "the group's name");
  if (g.proposal_id <= 0) v.Add("proposal_id", "required", "Choose the work stream it advises");
  for (size_t i = 0; i < g.members.size(); ++i) {
    const std::string field = "members[" + std::to_string(i) + "]";
    v.Line(field + ".name", g.members[i].name, 200, true, "the member's name");
    v.Line(field + ".organisation", g.members[i].organisation, 200, true,
           "the member's organisation");
  }
  return v.Finish();
}

Status ValidateAdvice(const Advice& a) {
  Validation v;
  v.Date("met_on", a.met_on, "when the group met");
  v.Text("advice", a.advice, 5000, true, "the advice given");
  return v.Finish();
}

}  // namespace jointly
