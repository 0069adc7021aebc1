#include "domain/governance.h"

#include <algorithm>

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

const RecordType<Member>& MemberRecord() {
  static const RecordType<Member> type{
      .name = "member",
      .label = "member",
      .table = "governance_members",
      .order_by = "body, inspectorate_id, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRecordGovernance,
      .fields = {
          IdField(&Member::id),
          ChoiceField("body", "Group", &Member::body,
                      ChoicesOf(kAllGovernanceBodies, GovernanceBodyId, GovernanceBodyLabel),
                      {.what = "the group", .required = true}),
          ReferenceField("inspectorate_id", "Inspectorate", &Member::inspectorate_id,
                         {.what = "the inspectorate", .required = true}),
          LineField("name", "Name", &Member::name,
                    {.what = "the member's name", .required = true, .max_chars = 200}),
          LineField("role", "Role", &Member::role,
                    {.what = "the role", .max_chars = 200, .hint = "For example, Chief Inspector"}),
          EmailField("email", "Email address", &Member::email, {.what = "the email address"}),
          BooleanField("active", "Currently a member", &Member::active,
                       {.what = "whether they are currently a member",
                        .hint = "Untick when they leave, and give the day they left; they stay "
                                "listed as a former member"}),
          DateField("left_on", "The day they left", &Member::left_on,
                    {.what = "the day they left"}),
          VersionField(&Member::version),
      }};
  return type;
}

Status ValidateMember(const Member& m, Date today) {
  return MergeFieldErrors(CheckShape(MemberRecord(), m), CheckLeavingDate(nullptr, m, today));
}

Status CheckLeavingDate(const Member*, const Member& m, Date today) {
  Validation v;
  const std::optional<Date> left = Date::Parse(Trim(m.left_on));
  if (!m.active && left && today.ok() && today < *left) {
    v.Add("left_on", "not-in-future",
          "The day they left must be today or in the past: record their leaving once they "
          "have left");
  }
  if (!m.active && Trim(m.left_on).empty()) {
    v.Add("left_on", "leaving-date",
          "Enter the day " + (m.name.empty() ? std::string("they") : m.name) +
              " left, as a former member");
  } else if (m.active && !Trim(m.left_on).empty()) {
    v.Add("left_on", "leaving-date",
          "A current member has not left: remove the day they left, or untick "
          "“Currently a member”");
  }
  return v.Finish("The member's leaving is not recorded as it should be");
}

bool OwnerNames(std::string_view owner, const std::vector<std::string>& names) {
  const std::string wanted = AsciiLower(Trim(owner));
  if (wanted.empty()) return false;
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) {
    return !Trim(n).empty() && AsciiLower(Trim(n)) == wanted;
  });
}

bool ActionOwnedBy(const Action& action, const std::vector<std::string>& names) {
  return OwnerNames(action.owner, names);
}

std::string OwnerShownAs(std::string_view owner,
                         const std::map<std::string, std::string>& people_by_email) {
  const auto found = people_by_email.find(AsciiLower(Trim(owner)));
  return found == people_by_email.end() ? std::string(owner) : found->second;
}

Status ValidateMeeting(const Meeting& m) {
  Validation v;
  v.Line("title", m.title, 200, true, "the meeting's title");
  v.Date("held_on", m.held_on, "the date of the meeting");
  if (m.agenda.empty() || m.agenda.size() > kMaxAgendaItems) {
    v.Add("agenda", "count", "Add at least one agenda item, and no more than 50");
  }
  for (size_t i = 0; i < m.agenda.size() && i < kMaxAgendaItems; ++i) {
    const std::string field = "agenda[" + std::to_string(i) + "]";
    v.Line(field + ".title", m.agenda[i].title, 500, true, "agenda item " + std::to_string(i + 1));
    v.Line(field + ".paper", m.agenda[i].paper, 500, false, "its paper");
  }
  v.Text("minutes", m.minutes, kMaxMinutesChars, false, "the minutes");
  return v.Finish();
}

Status CheckMinutesOnceHeld(const Meeting& m, Date today) {
  const auto held = Date::Parse(m.held_on);
  if (!held || !today.ok() || *held <= today) return OkStatus();
  Validation v;
  const std::string when = "once it has been held, on " + held->ToDayMonthYear();
  if (!Trim(m.minutes).empty()) {
    v.Add("minutes", "minutes-once-held", "Record the minutes " + when);
  }
  if (!m.attended.empty()) {
    v.Add("attended", "minutes-once-held", "Record who attended " + when);
  }
  return v.Finish("A meeting's minutes and attendance are recorded once it has been held");
}

bool SatOnBodyAt(const Member& member, const Meeting& meeting) {
  if (member.body != meeting.body) return false;
  return member.active || Trim(member.left_on).empty() || member.left_on >= meeting.held_on;
}

Status CheckAttendance(const Meeting& m, const std::vector<Member>& members) {
  std::vector<int64_t> seen;
  for (int64_t id : m.attended) {
    const auto member =
        std::find_if(members.begin(), members.end(), [id](const Member& x) { return x.id == id; });
    const bool again = std::find(seen.begin(), seen.end(), id) != seen.end();
    seen.push_back(id);
    if (!again && member != members.end() && SatOnBodyAt(*member, m)) continue;
    Validation v;
    v.Add("attended", "attended-a-member",
          again ? "Choose each member who attended once"
                : "Choose who attended from the members of the " +
                      std::string(GovernanceBodyLabel(m.body)) + " on the day of the meeting");
    return v.Finish("Only members of the body on the day attend its meeting");
  }
  return OkStatus();
}

Status ValidateMeetingDecision(const MeetingDecision& d) {
  Validation v;
  v.Text("text", d.text, 5000, true, "what was decided");
  return v.Finish();
}

std::string_view ActionStatusId(ActionStatus status) {
  return status == ActionStatus::kDone ? "done" : "open";
}

std::string_view ActionStatusLabel(ActionStatus status) {
  return status == ActionStatus::kDone ? "Done" : "Open";
}

std::optional<ActionStatus> ParseActionStatus(std::string_view id) {
  return ParseById(id, kAllActionStatuses, ActionStatusId);
}

const RecordType<Action>& ActionRecord() {
  static const RecordType<Action> type{
      .name = "action",
      .label = "action",
      .table = "meeting_actions",
      .order_by = "due_on, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRecordGovernance,
      .fields = {
          IdField(&Action::id),
          ReferenceField("meeting_id", "Meeting", &Action::meeting_id,
                         {.what = "the meeting that agreed it", .writable = false}),
          TextField("text", "Action", &Action::text,
                    {.what = "the action", .required = true, .max_chars = 2000}),
          LineField("owner", "Owner", &Action::owner,
                    {.what = "who owns the action", .required = true, .max_chars = 200}),
          DateField("due_on", "Due on", &Action::due_on,
                    {.what = "when it is due", .required = true, .hint = "As YYYY-MM-DD"}),
          ChoiceField("status", "Status", &Action::status,
                      ChoicesOf(kAllActionStatuses, ActionStatusId, ActionStatusLabel),
                      {.what = "whether it is done", .hint = "Open until it is done"}),
          VersionField(&Action::version),
      }};
  return type;
}

Status ValidateAction(const Action& a) { return CheckShape(ActionRecord(), a); }

Status CheckDueAfterMeeting(const Action& a, const Meeting& m) {
  const auto due = Date::Parse(a.due_on);
  const auto held = Date::Parse(m.held_on);
  if (!due || !held || *due >= *held) return OkStatus();
  return std::move(
      InvalidArgument("An action falls due after the meeting that agreed it", "due-after-meeting")
          .AddFieldError("due_on", "due-after-meeting",
                         "The due date must be on or after the day of the meeting, " +
                             held->ToDayMonthYear()));
}

bool IsOverdue(const Action& a, const std::string& today) {
  const auto due = ParseIsoDate(a.due_on);
  const auto now = ParseIsoDate(today);
  return a.status == ActionStatus::kOpen && due && now && *due <= *now;
}

std::string_view ActionDueLabel(const Action& a, const std::string& today) {
  if (!IsOverdue(a, today)) return "";
  return a.due_on == today ? "Due today" : "Overdue";
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

bool CanDecideReferralAt(const Meeting& from, const Meeting& meeting) {
  return meeting.body == GovernanceBody::kCjcig && meeting.held_on >= from.held_on;
}

Status DecideReferral(Referral& r, const Meeting& from, const Meeting& cjcig,
                      const std::string& decision) {
  if (cjcig.body != GovernanceBody::kCjcig) {
    return FailedPrecondition("Only CJCIG decides a referral from the Development Group",
                              "referral");
  }
  if (r.state == ReferralState::kDecided) {
    return FailedPrecondition("CJCIG has already decided this referral", "referral");
  }
  if (!CanDecideReferralAt(from, cjcig)) {
    const auto held = Date::Parse(cjcig.held_on);
    const auto referred = Date::Parse(from.held_on);
    return FailedPrecondition("CJCIG's meeting of " + (held ? held->ToLong() : cjcig.held_on) +
                                  " was held before the Development Group referred this issue on " +
                                  (referred ? referred->ToLong() : from.held_on) +
                                  ": record CJCIG's decision at a later meeting",
                              "referral");
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
    // Each error names its member, by place and by name when there is one.
    const std::string field = "members[" + std::to_string(i) + "]";
    const std::string& name = g.members[i].name;
    const std::string member = "member " + std::to_string(i + 1);
    v.Line(field + ".name", name, 200, true, "the name of " + member);
    v.Line(field + ".organisation", g.members[i].organisation, 200, true,
           "the organisation of " + member +
               (Trim(name).empty() || Utf8Length(name) > 200 ? "" : " (" + name + ")"));
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
