#include "domain/inspection.h"

#include <algorithm>

#include "core/enum_ids.h"
#include "core/text.h"
#include "domain/governance.h"
#include "domain/publication_checks.h"

namespace jointly {

int StageNumber(InspectionStage stage) { return static_cast<int>(stage) + 1; }

std::string_view InspectionStageLabel(InspectionStage stage) {
  switch (stage) {
    case InspectionStage::kPlanning:
      return "Planning, scope and methodology";
    case InspectionStage::kSites:
      return "Fieldwork sites and commissioning";
    case InspectionStage::kPreFieldwork:
      return "Before onsite fieldwork";
    case InspectionStage::kFieldwork:
      return "Onsite fieldwork";
    case InspectionStage::kFindings:
      return "Evaluation and emerging findings";
    case InspectionStage::kReport:
      return "Report writing";
    case InspectionStage::kPublication:
      return "Publication and media";
    case InspectionStage::kRetention:
      return "Retention and destruction";
  }
  return "";
}

bool Participates(const Inspection& inspection, int64_t inspectorate_id) {
  return std::find(inspection.participating.begin(), inspection.participating.end(),
                   inspectorate_id) != inspection.participating.end();
}

Status ValidateInspection(const Inspection& inspection) {
  Validation v;
  v.Line("title", inspection.title, kMaxInspectionTitle, true, "the inspection's title");
  if (inspection.lead_inspectorate_id <= 0) {
    v.Add("lead_inspectorate_id", "required", "Choose the lead inspectorate");
  } else if (!Participates(inspection, inspection.lead_inspectorate_id)) {
    v.Add("lead_inspectorate_id", "joint",
          "The lead inspectorate must be one of the participating inspectorates");
  }
  std::set<int64_t> seen;
  bool repeated = false;
  for (int64_t id : inspection.participating) repeated |= !seen.insert(id).second;
  for (int64_t id : inspection.partners) repeated |= !seen.insert(id).second;
  if (repeated) {
    v.Add("participating", "unique", "Name each inspectorate taking part once");
  } else if (inspection.participating.size() < 2) {
    v.Add("participating", "joint",
          "A joint inspection needs at least two participating criminal justice inspectorates");
  }
  return v.Finish();
}

constexpr Naming<TeamRole> kTeamRoleNames[] = {
    {TeamRole::kLeadInspector, "lead_inspector", "Lead inspector"},
    {TeamRole::kSeniorOverseer, "senior_overseer", "Senior overseer"},
    {TeamRole::kTeamMember, "team_member", "Team member"},
};

std::string_view TeamRoleId(TeamRole role) { return IdIn(kTeamRoleNames, role); }
std::string_view TeamRoleLabel(TeamRole role) { return LabelIn(kTeamRoleNames, role); }

std::optional<TeamRole> ParseTeamRole(std::string_view id) {
  return ParseById(id, kAllTeamRoles, TeamRoleId);
}

namespace {

bool Holds(const std::vector<TeamMember>& team, int64_t inspectorate_id, TeamRole role) {
  return std::any_of(team.begin(), team.end(), [&](const TeamMember& m) {
    return m.current() && m.inspectorate_id == inspectorate_id && m.role == role;
  });
}

std::string NameOr(const std::map<int64_t, std::string>& name_of, int64_t id) {
  auto it = name_of.find(id);
  return it == name_of.end() ? "inspectorate " + std::to_string(id) : it->second;
}

}  // namespace

std::vector<std::pair<int64_t, TeamRole>> MissingLeads(const Inspection& inspection,
                                                       const std::vector<TeamMember>& team) {
  std::vector<std::pair<int64_t, TeamRole>> out;
  for (int64_t id : inspection.participating) {
    for (TeamRole role : {TeamRole::kLeadInspector, TeamRole::kSeniorOverseer}) {
      if (!Holds(team, id, role)) out.emplace_back(id, role);
    }
  }
  return out;
}

Status CheckLeadsNamed(const Inspection& inspection, const std::vector<TeamMember>& team,
                       const std::map<int64_t, std::string>& name_of) {
  const auto missing = MissingLeads(inspection, team);
  if (missing.empty()) return OkStatus();
  std::string list;
  for (size_t i = 0; i < missing.size(); ++i) {
    if (i > 0) list += i + 1 == missing.size() ? " and " : ", ";
    std::string role(TeamRoleLabel(missing[i].second));
    role[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(role[0])));
    list += Possessive(NameOr(name_of, missing[i].first)) + " " + role;
  }
  return FailedPrecondition(
      "Each participating inspectorate names its lead inspector and senior "
      "overseer before the scope and methodology are drafted: name " +
          list + " first",
      "R12");
}

Status CheckAppointment(const Inspection& inspection, const std::vector<TeamMember>& team,
                        const TeamMember& appointee,
                        std::optional<int64_t> appointee_inspectorate) {
  Validation v;
  v.Text("reason", appointee.reason, kMaxReason, false, "the reason");
  if (!Participates(inspection, appointee.inspectorate_id)) {
    return FailedPrecondition("That inspectorate does not take part in this inspection",
                              "not-participating");
  }
  if (appointee_inspectorate != appointee.inspectorate_id) {
    return FailedPrecondition(
        "Only someone who works for the inspectorate can join the team for it",
        "other-inspectorate");
  }
  for (const auto& m : team) {
    if (m.current() && m.user_id == appointee.user_id && m.role == appointee.role &&
        m.inspectorate_id == appointee.inspectorate_id) {
      const char* held = "They already hold that place on the team";
      return std::move(FailedPrecondition(held, "already-on-team")
                           .AddFieldError("user_id", "already-on-team", held));
    }
  }
  const bool lead_place = appointee.role != TeamRole::kTeamMember;
  if (lead_place && Holds(team, appointee.inspectorate_id, appointee.role) &&
      appointee.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    v.Add("reason", "R12",
          "Say why the " + std::string(TeamRoleLabel(appointee.role)) +
              " is changing, so that the change is on record");
  }
  return v.Finish();
}

Standing StandingOf(const Caller& caller, const Inspection& inspection,
                    const std::vector<TeamMember>& team) {
  Standing s;
  if (caller.anonymous() || !caller.active) return s;
  s.steward = caller.Has(Role::kAdministrator) || caller.Has(Role::kSecretariat);
  for (const auto& m : team) {
    if (m.current() && m.user_id == caller.user_id) {
      s.on_team = true;
      s.inspectorate = m.inspectorate_id;
    }
  }
  const bool senior = caller.Has(Role::kDgRepresentative) || caller.Has(Role::kChiefInspector) ||
                      caller.Has(Role::kHmInspector);
  if (!s.inspectorate && senior && caller.inspectorate_id &&
      Participates(inspection, *caller.inspectorate_id)) {
    s.inspectorate = caller.inspectorate_id;
  }
  s.sees = s.steward || s.inspectorate.has_value();
  s.lead_team = s.steward || s.inspectorate == inspection.lead_inspectorate_id;
  return s;
}

bool MayStart(const Caller& caller, int64_t lead_inspectorate_id) {
  if (caller.anonymous() || !caller.active) return false;
  if (caller.Has(Role::kAdministrator) || caller.Has(Role::kSecretariat)) return true;
  const bool may_lead = caller.Has(Role::kChiefInspector) || caller.Has(Role::kHmInspector) ||
                        caller.Has(Role::kDgRepresentative) || caller.Has(Role::kLeadInspector);
  return may_lead && caller.inspectorate_id == lead_inspectorate_id;
}

Status CheckMayStart(const Caller& caller, int64_t lead_inspectorate_id, const std::string& field) {
  if (MayStart(caller, lead_inspectorate_id)) return OkStatus();
  const std::string message =
      "The lead inspectorate's Chief Inspector, lead inspectors or Development Group "
      "representative start its inspections";
  return std::move(PermissionDenied(message, "R11").AddFieldError(field, "R11", message));
}

Status CheckSees(const Standing& standing) {
  if (standing.sees) return OkStatus();
  return PermissionDenied(
      "Only the inspection's team and the participating inspectorates can see it", "not-on-team");
}

Status CheckLeadTeam(const Standing& standing) {
  RETURN_IF_ERROR(CheckSees(standing));
  if (standing.lead_team) return OkStatus();
  return PermissionDenied(
      "The lead inspectorate proposes this; the other inspectorates agree or decline it", "R11");
}

Status CheckOnTeam(const Standing& standing) {
  if (standing.on_team || standing.steward) return OkStatus();
  return PermissionDenied("Fieldwork is recorded by the inspection's team", "not-on-team");
}

Status CheckTaskOwner(const Task* before, const Task& task, const std::vector<TeamMember>& team) {
  Validation v;
  if (!task.owner_user_id) {
    if (task.owner_name.find_first_not_of(" \t") == std::string::npos) {
      v.Add("owner_user_id", "required", "Choose who owns the task");
    }
    return v.Finish();
  }
  if (before && before->owner_user_id == task.owner_user_id) return OkStatus();
  const bool on_team = std::any_of(team.begin(), team.end(), [&](const TeamMember& m) {
    return m.current() && m.user_id == *task.owner_user_id;
  });
  if (!on_team) {
    v.Add("owner_user_id", "owner-on-team",
          "Choose someone on the inspection's team to own the task");
  }
  return v.Finish();
}

bool MaySetTaskStatus(const Standing& standing, int64_t user_id, const Task& task) {
  return standing.lead_team || (user_id != 0 && task.owner_user_id == user_id);
}

Status CheckTaskChanger(const Standing& standing, int64_t user_id, const Task& before,
                        const Task& after) {
  if (standing.lead_team) return OkStatus();
  const bool status_only = after.title == before.title &&
                           after.owner_user_id == before.owner_user_id &&
                           after.owner_name == before.owner_name && after.due_on == before.due_on;
  if (status_only && MaySetTaskStatus(standing, user_id, before)) return OkStatus();
  return PermissionDenied(
      "The lead inspectorate's team changes the project plan; whoever owns a task marks where it "
      "stands",
      "task-owner-status");
}

bool TaskOwnedBy(const Task& task, int64_t user_id, const std::vector<std::string>& names) {
  if (task.owner_user_id) return *task.owner_user_id == user_id;
  return OwnerNames(task.owner_name, names);
}

std::string PlaceOnTeam(const TeamMember& member, const std::string& inspectorate) {
  if (member.role == TeamRole::kTeamMember || inspectorate.empty()) return "";
  return inspectorate + " " + InSentence(TeamRoleLabel(member.role));
}

constexpr Naming<PublicationApproach> kPublicationApproachNames[] = {
    {PublicationApproach::kUndecided, "undecided", "Not decided yet"},
    {PublicationApproach::kSoftLaunch, "soft_launch", "Soft launch"},
    {PublicationApproach::kProactiveMedia, "proactive_media", "Proactive media"},
};

std::string_view PublicationApproachId(PublicationApproach approach) {
  return IdIn(kPublicationApproachNames, approach);
}

std::string_view PublicationApproachLabel(PublicationApproach approach) {
  return LabelIn(kPublicationApproachNames, approach);
}

const RecordType<TermsOfReference>& TermsRecord() {
  static const RecordType<TermsOfReference> type{
      .name = "terms_of_reference",
      .label = "terms of reference",
      .table = "inspection_terms",
      .order_by = "inspection_id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&TermsOfReference::id),
          ReferenceField("inspection_id", "Inspection", &TermsOfReference::inspection_id,
                         {.what = "the inspection", .writable = false}),
          TextField("background", "Background", &TermsOfReference::background,
                    {.what = "the background",
                     .max_chars = kMaxLongText,
                     .hint = "Why the inspection is taking place"}),
          TextField("aims", "Inspection aims", &TermsOfReference::aims,
                    {.what = "the aims", .max_chars = kMaxLongText}),
          TextField("question", "The inspection question", &TermsOfReference::question,
                    {.what = "the main inspection question", .max_chars = kMaxLongText}),
          TextField("criteria", "Inspection criteria", &TermsOfReference::criteria,
                    {.what = "the criteria",
                     .max_chars = kMaxLongText,
                     .hint = "The sub-questions or criteria, one to a line"}),
          TextField("sites", "Fieldwork sites", &TermsOfReference::sites,
                    {.what = "the fieldwork sites",
                     .max_chars = kMaxLongText,
                     .hint = "Which police forces, CPS Areas, probation delivery units, youth "
                             "offending services or prisons will be visited, and how they are "
                             "chosen"}),
          TextField("methodology", "Inspection methodology", &TermsOfReference::methodology,
                    {.what = "the methodology",
                     .max_chars = kMaxLongText,
                     .hint = "How the inspection will be carried out, at a high level"}),
          TextField("timetable", "Proposed inspection timetable", &TermsOfReference::timetable,
                    {.what = "the proposed timetable",
                     .max_chars = kMaxLongText,
                     .hint = "Proposed start and publication dates and other key dates"}),
          TextField("report_structure", "Provisional report structure",
                    &TermsOfReference::report_structure,
                    {.what = "the provisional report structure",
                     .max_chars = kMaxLongText,
                     .hint = "Its sections, and how each inspectorate contributes"}),
          TextField("audience", "Audience", &TermsOfReference::audience,
                    {.what = "the audience", .max_chars = kMaxLongText}),
          ChoiceField(
              "publication", "Approach to publication", &TermsOfReference::publication,
              ChoicesOf(kAllPublicationApproaches, PublicationApproachId, PublicationApproachLabel),
              {.what = "the approach to publication"}),
          VersionField(&TermsOfReference::version),
      }};
  return type;
}

constexpr Naming<Method> kMethodNames[] = {
    {Method::kFileExamination, "file_examination", "File examination"},
    {Method::kDocumentReview, "document_review", "Document review"},
    {Method::kData, "data", "Data"},
    {Method::kRealityChecks, "reality_checks", "Reality checks"},
    {Method::kInterviews, "interviews", "Interviews"},
    {Method::kFocusGroups, "focus_groups", "Focus groups"},
    {Method::kSurveys, "surveys", "Surveys"},
    {Method::kRequestsForInformation, "requests_for_information", "Requests for information"},
    {Method::kCallsForEvidence, "calls_for_evidence", "Calls for evidence"},
    {Method::kExternalReferenceGroups, "external_reference_groups", "External reference groups"},
    {Method::kUserVoice, "user_voice", "User voice commissions"},
    {Method::kCommissionedResearch, "commissioned_research", "Independent commissioned research"},
    {Method::kObservations, "observations", "Court or other observations"},
};

std::string_view MethodId(Method method) { return IdIn(kMethodNames, method); }
std::string_view MethodLabel(Method method) { return LabelIn(kMethodNames, method); }

const RecordType<MethodPlan>& MethodPlanRecord() {
  static const RecordType<MethodPlan> type{
      .name = "inspection_method",
      .label = "method",
      .table = "inspection_methods",
      .order_by = "id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&MethodPlan::id),
          ReferenceField("inspection_id", "Inspection", &MethodPlan::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ChoiceField("method", "Method", &MethodPlan::method,
                      ChoicesOf(kAllMethods, MethodId, MethodLabel),
                      {.what = "the method", .required = true}),
          TextField("value_added", "How it adds value", &MethodPlan::value_added,
                    {.what = "how it adds value", .required = true, .max_chars = kMaxLongText}),
          TextField("presentation", "How it will be presented in the report",
                    &MethodPlan::presentation,
                    {.what = "how it will be presented",
                     .required = true,
                     .max_chars = kMaxLongText,
                     .hint = "For example, how a few service users' voices sit beside the "
                             "other evidence"}),
          VersionField(&MethodPlan::version),
      }};
  return type;
}

const RecordType<RedLine>& RedLineRecord() {
  static const RecordType<RedLine> type{
      .name = "red_line",
      .label = "red line",
      .table = "inspection_red_lines",
      .order_by = "inspectorate_id, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&RedLine::id),
          ReferenceField("inspection_id", "Inspection", &RedLine::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("inspectorate_id", "Inspectorate", &RedLine::inspectorate_id,
                         {.what = "the inspectorate", .writable = false}),
          TextField("text", "Red line", &RedLine::text,
                    {.what = "the red line",
                     .required = true,
                     .max_chars = kMaxLongText,
                     .hint = "What your inspectorate needs the report to respect in its "
                             "drafting"}),
          VersionField(&RedLine::version),
      }};
  return type;
}

const RecordType<Liaison>& LiaisonRecord() {
  static const RecordType<Liaison> type{
      .name = "stakeholder_liaison",
      .label = "stakeholder liaison",
      .table = "inspection_liaison",
      .order_by = "held_on, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Liaison::id),
          ReferenceField("inspection_id", "Inspection", &Liaison::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("inspectorate_id", "Inspectorate", &Liaison::inspectorate_id,
                         {.what = "the inspectorate", .writable = false}),
          DateField("held_on", "Date", &Liaison::held_on,
                    {.what = "the date of the liaison", .required = true}),
          LineField("with_whom", "With whom", &Liaison::with_whom,
                    {.what = "who was consulted",
                     .required = true,
                     .max_chars = kMaxShortText,
                     .hint = "For example, the National Police Chiefs' Council lead"}),
          TextField(
              "summary", "What it told us", &Liaison::summary,
              {.what = "what the liaison told us", .required = true, .max_chars = kMaxLongText}),
          VersionField(&Liaison::version),
      }};
  return type;
}

Status CheckReadyForSignOff(const TermsOfReference& terms, const std::vector<MethodPlan>& methods) {
  Validation v;
  auto need = [&](const char* field, const std::string& text, const char* what) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      v.Add(field, "R13", std::string("Add ") + what + " before sign-off");
    }
  };
  need("background", terms.background, "the background");
  need("aims", terms.aims, "the inspection aims");
  need("question", terms.question, "the inspection question");
  need("sites", terms.sites, "the fieldwork sites");
  need("methodology", terms.methodology, "the methodology");
  need("timetable", terms.timetable, "the proposed timetable");
  need("report_structure", terms.report_structure, "the provisional report structure");
  if (methods.empty()) {
    v.Add("methods", "R13", "Choose at least one method of evidence gathering");
  }
  return v.Finish("The terms of reference are not complete");
}

constexpr Naming<KeyDateKind> kKeyDateKindNames[] = {
    {KeyDateKind::kFieldwork, "fieldwork", "Fieldwork"},
    {KeyDateKind::kItAccess, "it_access", "Setting up IT access"},
    {KeyDateKind::kReferenceGroup, "reference_group", "External reference group meeting"},
    {KeyDateKind::kCriticalReaders, "critical_readers", "Critical readers' review"},
    {KeyDateKind::kChiefInspectors, "chief_inspectors", "Chief Inspectors' key date"},
    {KeyDateKind::kPublication, "publication", "Publication"},
    {KeyDateKind::kOther, "other", "Other"},
};

std::string_view KeyDateKindId(KeyDateKind kind) { return IdIn(kKeyDateKindNames, kind); }
std::string_view KeyDateKindLabel(KeyDateKind kind) { return LabelIn(kKeyDateKindNames, kind); }

const RecordType<KeyDate>& KeyDateRecord() {
  static const RecordType<KeyDate> type{
      .name = "key_date",
      .label = "key date",
      .table = "inspection_key_dates",
      .order_by = "starts_on, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&KeyDate::id),
          ReferenceField("inspection_id", "Inspection", &KeyDate::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ChoiceField("kind", "What it is", &KeyDate::kind,
                      ChoicesOf(kAllKeyDateKinds, KeyDateKindId, KeyDateKindLabel),
                      {.what = "what the date is for", .required = true}),
          LineField("title", "Title", &KeyDate::title,
                    {.what = "the title",
                     .required = true,
                     .max_chars = kMaxShortText,
                     .hint = "For example, Fieldwork in Greater Manchester"}),
          DateField("starts_on", "Starts on", &KeyDate::starts_on,
                    {.what = "the first day", .required = true}),
          DateField("ends_on", "Ends on", &KeyDate::ends_on,
                    {.what = "the last day", .hint = "Leave empty for a single day"}),
          LineField("place", "Where", &KeyDate::place,
                    {.what = "where it takes place", .max_chars = kMaxShortText}),
          VersionField(&KeyDate::version),
      }};
  return type;
}

Status ValidateKeyDate(const KeyDate& date) {
  Validation v;
  const auto first = Date::Parse(date.starts_on);
  const auto last = Date::Parse(date.ends_on);
  if (first && last) {
    if (last->DaysSince(*first) < 0) {
      v.Add("ends_on", "date-order", "The last day must be on or after the first day");
    } else if (last->DaysSince(*first) > 366) {
      v.Add("ends_on", "date-order", "A span on the timetable lasts a year at most");
    }
  }
  return v.Finish();
}

namespace {

// "Publication falls on Good Friday, Friday 2 April 2027, a bank holiday":
// a warning for a day of a key date other than fieldwork (`which`: "falls
// on", "starts on" or "ends on") when no one works that day.
std::optional<std::string> DayOffWarning(const KeyDate& d, const char* which, Date day,
                                         const std::vector<BankHoliday>& holidays) {
  for (const auto& h : holidays) {
    if (h.date == day) {
      return d.title + " " + which + " " + h.name + ", " + day.ToLong() +
             ", a bank holiday: choose a working day";
    }
  }
  if (day.IsWeekend()) {
    return d.title + " " + which + " a weekend, " + day.ToLong() + ": choose a working day";
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> TimetableWarnings(const std::vector<KeyDate>& dates,
                                           const std::vector<PeakLeavePeriod>& peak_leave,
                                           const WorkingDayCalendar& calendar) {
  std::vector<std::string> out;
  const std::vector<BankHoliday> holidays = calendar.Holidays();
  for (const auto& d : dates) {
    const auto first = Date::Parse(d.starts_on);
    if (!first) continue;
    const Date last = Date::Parse(d.ends_on).value_or(*first);
    if (d.kind != KeyDateKind::kFieldwork) {
      const bool one_day = last == *first;
      if (auto w = DayOffWarning(d, one_day ? "falls on" : "starts on", *first, holidays)) {
        out.push_back(std::move(*w));
      }
      if (!one_day) {
        if (auto w = DayOffWarning(d, "ends on", last, holidays)) out.push_back(std::move(*w));
      }
      continue;
    }
    for (const auto& p : PeakLeaveTouched(*first, last, peak_leave)) {
      out.push_back(d.title + " falls in " + p.name + " (" + p.first_day.ToLong() + " to " +
                    p.last_day.ToLong() + "), a peak leave period for those inspected");
    }
    for (const auto& h : holidays) {
      if (first->days() <= h.date.days() && h.date.days() <= last.days()) {
        out.push_back(d.title + " includes " + h.name + " on " + h.date.ToLong());
      }
    }
    const unsigned wd = first->weekday().c_encoding();
    if (wd == 0 || wd == 6) out.push_back(d.title + " starts on a weekend");
  }
  return out;
}

constexpr Naming<TaskStatus> kTaskStatusNames[] = {
    {TaskStatus::kNotStarted, "not_started", "Not started"},
    {TaskStatus::kInProgress, "in_progress", "In progress"},
    {TaskStatus::kDone, "done", "Done"},
};

std::string_view TaskStatusId(TaskStatus status) { return IdIn(kTaskStatusNames, status); }
std::string_view TaskStatusLabel(TaskStatus status) { return LabelIn(kTaskStatusNames, status); }

const RecordType<Task>& TaskRecord() {
  static const RecordType<Task> type{
      .name = "project_task",
      .label = "task",
      .table = "inspection_tasks",
      .order_by = "due_on, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Task::id),
          ReferenceField("inspection_id", "Inspection", &Task::inspection_id,
                         {.what = "the inspection", .writable = false}),
          LineField("title", "Task", &Task::title,
                    {.what = "the task", .required = true, .max_chars = kMaxShortText}),
          OptionalReferenceField(
              "owner_user_id", "Owner", &Task::owner_user_id,
              {.what = "who owns the task", .hint = "Someone on the inspection's team"}),
          LineField("owner_name", "Owner as first written", &Task::owner_name,
                    {.what = "who owned the task, in words",
                     .max_chars = kMaxShortText,
                     .hint = "Kept from before owners were people on the team; empty once "
                             "someone on the team owns the task",
                     .writable = false}),
          DateField("due_on", "Due on", &Task::due_on,
                    {.what = "when it is due", .required = true}),
          ChoiceField("status", "Status", &Task::status,
                      ChoicesOf(kAllTaskStatuses, TaskStatusId, TaskStatusLabel),
                      {.what = "where the task stands"}),
          VersionField(&Task::version),
      }};
  return type;
}

const RecordType<FieldworkSite>& SiteRecord() {
  static const RecordType<FieldworkSite> type{
      .name = "fieldwork_site",
      .label = "fieldwork site",
      .table = "inspection_sites",
      .order_by = "fieldwork_starts_on, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&FieldworkSite::id),
          ReferenceField("inspection_id", "Inspection", &FieldworkSite::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("body_id", "Body", &FieldworkSite::body_id,
                         {.what = "the body to visit", .required = true}),
          DateField("fieldwork_starts_on", "Onsite fieldwork starts on",
                    &FieldworkSite::fieldwork_starts_on,
                    {.what = "when onsite fieldwork starts", .required = true}),
          DateField("fieldwork_ends_on", "Onsite fieldwork ends on",
                    &FieldworkSite::fieldwork_ends_on,
                    {.what = "when onsite fieldwork ends", .hint = "Leave empty for one day"}),
          TextField("why", "Why this site", &FieldworkSite::why,
                    {.what = "why it was chosen",
                     .max_chars = kMaxLongText,
                     .hint = "What the data and intelligence say: performance, size, "
                             "geography, structure, and the inspection burden it already "
                             "carries"}),
          VersionField(&FieldworkSite::version),
      }};
  return type;
}

Status ValidateSite(const FieldworkSite& site) {
  Validation v;
  const auto first = Date::Parse(site.fieldwork_starts_on);
  const auto last = Date::Parse(site.fieldwork_ends_on);
  if (first && last && last->DaysSince(*first) < 0) {
    v.Add("fieldwork_ends_on", "date-order", "Fieldwork must end on or after the day it starts");
  }
  return v.Finish();
}

const RecordType<Letter>& LetterRecord() {
  static const RecordType<Letter> type{
      .name = "commissioning_letter",
      .label = "commissioning letter",
      .table = "commissioning_letters",
      .order_by = "id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Letter::id),
          ReferenceField("inspection_id", "Inspection", &Letter::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("site_id", "Fieldwork site", &Letter::site_id,
                         {.what = "the site it commissions", .required = true}),
          ReferenceField("commissioned_by", "Commissioned by", &Letter::commissioned_by,
                         {.what = "the inspectorate that commissions", .writable = false}),
          LineField("addressee", "To", &Letter::addressee,
                    {.what = "whom it is addressed to",
                     .required = true,
                     .max_chars = kMaxShortText,
                     .hint = "For example, Chief Constable, Kent Police"}),
          EmailField("email", "Email address", &Letter::email,
                     {.what = "the addressee's email address"}),
          LineField("signed_by", "Signed by", &Letter::signed_by,
                    {.what = "who signs it",
                     .required = true,
                     .max_chars = kMaxShortText,
                     .hint = "For example, the senior responsible officer of HMICFRS"}),
          TextField("body", "Letter", &Letter::body,
                    {.what = "the letter", .required = true, .max_chars = kMaxLongText}),
          VersionField(&Letter::version),
      }};
  return type;
}

Status CheckMaySend(const Letter& letter, std::optional<int64_t> authorised_version,
                    Date fieldwork_starts, Date today) {
  if (authorised_version != letter.version) {
    return FailedPrecondition(
        "Every participating inspectorate's Development Group representative authorises this "
        "version of the letter before it is sent",
        "R14");
  }
  if (fieldwork_starts.DaysSince(today) < kLetterNoticeDays) {
    return FailedPrecondition(
        "A commissioning letter goes out at least six weeks before onsite fieldwork: for "
        "fieldwork starting on " +
            fieldwork_starts.ToLong() + " it had to be sent by " +
            fieldwork_starts.AddDays(-kLetterNoticeDays).ToLong() +
            "; sent today, fieldwork there could start on " +
            today.AddDays(kLetterNoticeDays).ToLong() + " at the earliest",
        "R14");
  }
  return OkStatus();
}

std::string AddresseeAt(const std::string& addressee, const std::string& body) {
  if (body.empty() || addressee.find(body) != std::string::npos) return addressee;
  return addressee + ", " + body;
}

Status CheckPostalAddress(const Letter& letter, const std::string& body,
                          const std::string& address) {
  if (!letter.email.empty() || !Trim(address).empty()) return OkStatus();
  const std::string message =
      "The letter to " + AddresseeAt(letter.addressee, body) +
      " goes by post, but the directory has no postal address for " + body +
      ". Add the address on the body's page in the directory, or give the letter an email "
      "address";
  return std::move(FailedPrecondition(message, "letter-address")
                       .AddFieldError("address", "letter-address", message));
}

std::string_view CommissioningPractice(std::string_view code) {
  static constexpr std::pair<std::string_view, std::string_view> kPractice[] = {
      {"HMICFRS",
       "Once the HMI Board agrees, the senior responsible officer writes to the Chief Constable "
       "of each force."},
      {"HMCPSI",
       "The Deputy Chief Inspector writes to the CPS Directors of Legal Services about the "
       "inspection as a whole, and to the Chief Crown Prosecutor of each Area visited."},
      {"HMIPROBATION",
       "An announcement to each service visited, at least six weeks before fieldwork, without "
       "consulting the sector first."},
      {"HMIPRISONS", "Advance warning to each establishment visited."},
  };
  for (const auto& [c, practice] : kPractice) {
    if (c == code) return practice;
  }
  return {};
}

const LetterSending* SendingOf(const Letter& letter, const std::vector<LetterSending>& sendings) {
  for (const auto& x : sendings) {
    if (x.letter_id == letter.id && x.letter_version == letter.version) return &x;
  }
  return nullptr;
}

Status CheckNotYetSent(const Letter& letter, const std::vector<LetterSending>& sendings) {
  const LetterSending* sent = SendingOf(letter, sendings);
  if (!sent) return OkStatus();
  return FailedPrecondition("This version of the letter was already sent to " + sent->sent_to +
                                " on " + Date::ParseOrNone(sent->sent_on).ToDayMonthYear() +
                                ". To send it again, change it and have every inspectorate "
                                "authorise the new version",
                            "letter-sent");
}

constexpr Naming<SendingMethod> kSendingMethodNames[] = {
    {SendingMethod::kEmail, "email", "By e-mail"},
    {SendingMethod::kPost, "post", "By post"},
};

std::string_view SendingMethodId(SendingMethod method) { return IdIn(kSendingMethodNames, method); }
std::optional<SendingMethod> ParseSendingMethod(std::string_view id) {
  static constexpr SendingMethod kAll[] = {SendingMethod::kEmail, SendingMethod::kPost};
  return ParseById(id, kAll, SendingMethodId);
}

const LetterSending* SendingInForce(int64_t letter_id, const std::vector<LetterSending>& sendings) {
  for (const auto& x : sendings) {
    if (x.letter_id == letter_id && x.in_force()) return &x;
  }
  return nullptr;
}

Status CheckWithdrawal(const LetterSending* in_force, const std::string& reason) {
  if (!in_force) {
    return FailedPrecondition("Only a letter that was sent, and not withdrawn since, is withdrawn",
                              "letter-withdrawal");
  }
  Validation v;
  v.Text("reason", reason, kMaxReason, true, "why the letter is withdrawn");
  return v.Finish();
}

std::vector<std::string> SiteWarnings(const FieldworkSite& site, const std::string& name,
                                      bool letter_stands, Date today,
                                      const std::vector<PeakLeavePeriod>& peak_leave,
                                      const std::vector<KeyDate>& timetable) {
  std::vector<std::string> out;
  const auto first = Date::Parse(site.fieldwork_starts_on);
  if (!first) return out;
  const Date last = Date::Parse(site.fieldwork_ends_on).value_or(*first);
  const Date send_by = first->AddDays(-kLetterNoticeDays);
  if (!letter_stands && today.DaysSince(send_by) > 0) {
    out.push_back("The commissioning letter to " + name + " had to be sent by " + send_by.ToLong() +
                  ", six weeks before fieldwork there starts on " + first->ToLong() +
                  ", so it cannot be sent now. Move fieldwork at " + name + " to " +
                  today.AddDays(kLetterNoticeDays).ToLong() + " or later");
  }
  const auto touched = PeakLeaveTouched(*first, last, peak_leave);
  if (!touched.empty()) {
    out.push_back("Fieldwork at " + name + " falls in a peak leave period of those inspected: " +
                  DescribePeakLeave(touched));
  }
  bool windows = false;
  bool within = false;
  for (const auto& k : timetable) {
    if (k.kind != KeyDateKind::kFieldwork) continue;
    const auto from = Date::Parse(k.starts_on);
    if (!from) continue;
    const Date to = Date::Parse(k.ends_on).value_or(*from);
    windows = true;
    if (first->DaysSince(*from) >= 0 && to.DaysSince(last) >= 0) within = true;
  }
  if (windows && !within) {
    out.push_back("Fieldwork at " + name +
                  " falls outside the fieldwork dates on the inspection's timetable");
  }
  return out;
}

Document LetterDocument(const LetterParts& p) {
  Document doc;
  doc.title = "Commissioning letter: " + p.inspection_title;
  doc.footer = "OFFICIAL - Criminal Justice Joint Inspection";
  // The security classification heads the letter as well as every page's foot.
  doc.Add(DocumentBlock::Kind::kNote, "OFFICIAL");
  doc.Add(DocumentBlock::Kind::kBold, "Criminal Justice Joint Inspection");
  for (const auto& who : p.chief_inspectors) doc.Add(DocumentBlock::Kind::kNote, who);
  doc.Add(DocumentBlock::Kind::kParagraph, p.letter.email.empty() ? "By post" : "By email");
  doc.Add(DocumentBlock::Kind::kParagraph, AddresseeAt(p.letter.addressee, p.body_name));
  if (!p.address.empty()) doc.Add(DocumentBlock::Kind::kParagraph, p.address);
  doc.Add(DocumentBlock::Kind::kParagraph, p.date);
  doc.Add(DocumentBlock::Kind::kParagraph, Salutation(p.letter));
  doc.Add(DocumentBlock::Kind::kBold, "Joint inspection of " + p.inspection_title);
  size_t start = 0;
  const std::string& text = p.letter.body;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) {
      doc.Add(DocumentBlock::Kind::kParagraph, line);
    }
    start = end + 1;
  }
  doc.Add(DocumentBlock::Kind::kParagraph, "Yours sincerely");
  // "Name, title": the name on its own line, the title under it.
  const std::string& by = p.letter.signed_by;
  const size_t comma = by.find(", ");
  doc.Add(DocumentBlock::Kind::kBold, by.substr(0, comma));
  if (comma != std::string::npos) doc.Add(DocumentBlock::Kind::kParagraph, by.substr(comma + 2));
  return doc;
}

std::string Salutation(const Letter& letter) {
  const std::string& to = letter.addressee;
  return "Dear " + to.substr(0, to.find(',')) + ",";
}

namespace {

// The marking, the heading and whom it is to, as a letter's e-mails open.
std::string EmailHead(const LetterParts& p) {
  std::string out = "OFFICIAL\n\nCriminal Justice Joint Inspection\n";
  for (const auto& who : p.chief_inspectors) out += who + "\n";
  out += "\n" + AddresseeAt(p.letter.addressee, p.body_name) + "\n";
  if (!p.address.empty()) out += p.address + "\n";
  return out + "\n" + Salutation(p.letter) + "\n\n";
}

std::string EmailFoot(const LetterParts& p) {
  return "\n\nYours sincerely\n\n" + p.letter.signed_by + "\n\nOFFICIAL\n";
}

}  // namespace

std::string LetterEmailText(const LetterParts& p) {
  return EmailHead(p) + "Joint inspection of " + p.inspection_title + "\n\n" + p.letter.body +
         EmailFoot(p);
}

std::string WithdrawalEmailText(const LetterParts& p, const std::string& sent_on,
                                const std::string& reason) {
  return EmailHead(p) + "Joint inspection of " + p.inspection_title +
         "\n\nThe letter we sent you on " + Date::ParseOrNone(sent_on).ToDayMonthYear() +
         " about this inspection is withdrawn. Please disregard it: we will write again if "
         "fieldwork with you goes ahead.\n\nWhy it is withdrawn: " +
         reason + EmailFoot(p);
}

constexpr Naming<Agreement> kAgreementNames[] = {
    {Agreement::kNotAsked, "not_asked", "Not asked yet"},
    {Agreement::kAwaiting, "awaiting", "Awaiting agreement"},
    {Agreement::kAgreed, "agreed", "Agreed by every inspectorate"},
    {Agreement::kDeclined, "declined", "Declined"},
    {Agreement::kLapsed, "lapsed", "Lapsed: changed since it was agreed"},
};

std::string_view AgreementId(Agreement agreement) { return IdIn(kAgreementNames, agreement); }
std::string_view AgreementLabel(Agreement agreement) { return LabelIn(kAgreementNames, agreement); }

Agreement AgreementOf(const std::vector<AgreementFacts>& asked, int64_t current_version) {
  bool agreed_before = false;
  for (const auto& a : asked) {
    if (a.subject_version == current_version) {
      switch (a.state) {
        case AgreementFacts::State::kAgreed:
          return Agreement::kAgreed;
        case AgreementFacts::State::kAwaiting:
          return Agreement::kAwaiting;
        case AgreementFacts::State::kDeclined:
          return Agreement::kDeclined;
      }
    }
    agreed_before |= a.state == AgreementFacts::State::kAgreed;
  }
  if (agreed_before) return Agreement::kLapsed;
  return Agreement::kNotAsked;
}

constexpr Naming<StageProgress> kStageProgressNames[] = {
    {StageProgress::kCannotStartYet, "cannot_start_yet", "Cannot start yet"},
    {StageProgress::kNotStarted, "not_started", "Not started"},
    {StageProgress::kInProgress, "in_progress", "In progress"},
    {StageProgress::kCompleted, "completed", "Completed"},
};

std::string_view StageProgressId(StageProgress progress) {
  return IdIn(kStageProgressNames, progress);
}

std::string_view StageProgressLabel(StageProgress progress) {
  return LabelIn(kStageProgressNames, progress);
}

namespace {

StageProgress ProgressOf(const std::vector<StageCheck>& checks) {
  int done = 0;
  int counted = 0;
  for (const auto& c : checks) {
    if (!c.counts) continue;
    ++counted;
    done += c.done ? 1 : 0;
  }
  return done == 0         ? StageProgress::kNotStarted
         : done == counted ? StageProgress::kCompleted
                           : StageProgress::kInProgress;
}

bool BlockingDone(const StageStatus& s) {
  if (s.progress == StageProgress::kCannotStartYet) return false;
  for (const auto& c : s.checks) {
    if (!c.rule.empty() && !c.done) return false;
  }
  return true;
}

// What each stage of a joint inspection checks, from the inspection's facts.
std::vector<StageCheck> ChecksOf(InspectionStage stage, const InspectionFacts& f) {
  std::vector<StageCheck> checks;
  switch (stage) {
    case InspectionStage::kPlanning:
      checks = {
          {"Every inspectorate has named its lead inspector and senior overseer", f.leads_named,
           "R12"},
          {"Stakeholder liaison recorded", f.liaison > 0, ""},
          {"Terms of reference drafted", f.terms_drafted, ""},
          {"Provisional report structure", f.report_structure, ""},
          {"Red lines on drafting recorded", f.red_lines > 0, ""},
          {"Audience and approach to publication decided", f.approach_decided, ""},
          {"Terms of reference signed off by every inspectorate", f.terms == Agreement::kAgreed,
           "R13", f.terms, "terms"},
          {"Terms of reference published", f.terms_published, "R13"},
          {"Fieldwork dates on the timetable", f.fieldwork_dated, ""},
          {"Timetable agreed by every inspectorate", f.timetable == Agreement::kAgreed, "R11",
           f.timetable, "timetable"},
          {"Project plan started", f.tasks > 0, ""},
          // R22: agreed in advance, here; needed in stage 8.
          {"Retention schedules agreed (R22, needed in stage 8)", f.retention_agreed, "",
           std::nullopt, "", false, false, "retention"},
      };
      break;
    case InspectionStage::kSites:
      checks = {
          {"Fieldwork sites chosen", f.sites > 0, ""},
          {"Fieldwork sites agreed by every inspectorate",
           f.sites > 0 && f.sites_agreement == Agreement::kAgreed, "R11", f.sites_agreement,
           "sites"},
          {"A commissioning letter for each site", f.sites > 0 && f.letters >= f.sites, ""},
          {"Every letter authorised by every inspectorate",
           f.letters > 0 && f.letters_authorised == f.letters, "R14"},
          {"Every letter sent at least six weeks before fieldwork",
           f.letters > 0 && f.letters_sent == f.letters, "R14"},
      };
      break;
    case InspectionStage::kPreFieldwork:
      checks = {
          {"Fieldwork arrangements recorded", f.arrangements_complete, ""},
          {"Fieldwork arrangements agreed by every inspectorate",
           f.arrangements == Agreement::kAgreed, "R11", f.arrangements, "arrangements"},
          {"Security clearance and IT access held for fieldwork",
           f.clearances > 0 && f.clearance_warnings == 0, ""},
      };
      break;
    case InspectionStage::kFieldwork:
      checks = {
          {"Evidence recorded in the shared register", f.evidence > 0, ""},
          {"Interviews and focus groups held jointly, or a reason recorded", f.interviews > 0, ""},
          {"Every evidence item quality-assured by every inspectorate", f.evidence_assured, "R15"},
      };
      break;
    case InspectionStage::kFindings:
      checks = {
          {"Emerging-findings meeting held with every inspectorate present", f.meeting_held, "R17"},
          {"Development Group representatives involved", f.dg_involved, ""},
          {"Report structure: sections and who contributes each", f.sections > 0, ""},
          {"What is shared with those inspected decided", f.sharing_decided, ""},
          {"Report structure agreed by every inspectorate", f.structure == Agreement::kAgreed,
           "R11", f.structure, "report_structure"},
          {"Quality assurance of the evidence agreed by every inspectorate",
           f.evidence_assurance == Agreement::kAgreed, "R18", f.evidence_assurance,
           "evidence_assurance"},
          // M 35 names what drafting waits for; the evaluation is not
          // among it, so this check does not block stage 6.
          {"Evaluation of how the joint inspection worked", f.evaluated, ""},
      };
      break;
    case InspectionStage::kReport:
      checks = {
          {"Draft every section", f.sections_drafted, ""},
          {"Red lines confirmed respected by every inspectorate",
           f.red_lines_confirmed == Agreement::kAgreed, "R18", f.red_lines_confirmed, "red_lines"},
          {"Findings linked to evidence", f.findings > 0 && f.findings_on_evidence == f.findings,
           "R18"},
          {f.concerns ? "Concerns SMART" : "Recommendations SMART",
           f.recommendations > 0 && f.recommendations_answering == f.recommendations, "R18"},
          {"Development Group representatives agree the report", f.approval_steps >= 1, "M37"},
          {"HM Inspectors or Chief Inspectors approve the report", f.approval_steps >= 2, "M38"},
          {"Critical readers' responses answered", f.approval_steps >= 3, "M39"},
          {"Final sign-off by every inspectorate", f.approval_steps >= 4, "M40"},
      };
      break;
    case InspectionStage::kPublication:
      checks = {
          {"Factual accuracy checks decided", f.factual_checks_decided, "R21"},
          {"Distribution lists of every inspectorate cross-referenced, and who sends decided",
           f.distribution_lists, "R21"},
          {"Media strategy decided: the approach and who takes bids for interview",
           f.media_strategy, "R21"},
          {"Press notice names every inspectorate's Chief Inspector or HMI", f.press_notice, "R11"},
      };
      // Publication's own checks are done on its own page.
      checks.push_back({"Publication date and time set", f.publication_set, "R21", std::nullopt, "",
                        false, true, "publication"});
      if (f.embargo_applies) {
        checks.push_back({"Embargoed copies sent", f.embargo_sent, "R21", std::nullopt, "", false,
                          true, "publication"});
      }
      checks.push_back(
          {"Published", f.published, "R21", std::nullopt, "", false, true, "publication"});
      break;
    case InspectionStage::kRetention:
      checks = {
          {"Retention schedules agreed", f.retention_agreed, "", std::nullopt, "", false, true,
           "retention"},
          {"Publication date recorded for the schedules", f.publication_dated, "", std::nullopt, "",
           false, true, "retention"},
          {"Material due reviewed or destroyed", f.publication_dated && f.retention_due == 0, "",
           std::nullopt, "", false, true, "retention"},
      };
      break;
    default:
      break;
  }
  return checks;
}

}  // namespace

std::vector<StageStatus> StagesOf(const InspectionFacts& f) {
  std::vector<StageStatus> out;
  for (InspectionStage stage : kAllInspectionStages) {
    StageStatus s{stage, StageProgress::kCannotStartYet, ChecksOf(stage, f)};
    // A stage opens once every check that blocks in the stage before is
    // done, and stays open once work in it has begun (a site added late
    // does not stop fieldwork elsewhere). A stage without checks is passed
    // over. Retention (stage 8) runs beside publication (stage 7) from the
    // report's final sign-off: HMCPSI destroys its material the day before
    // publication (R22).
    const StageProgress progress = ProgressOf(s.checks);
    auto before = std::find_if(out.rbegin(), out.rend(), [&](const StageStatus& x) {
      return !x.checks.empty() &&
             !(s.stage == InspectionStage::kRetention && x.stage == InspectionStage::kPublication);
    });
    const bool open =
        out.empty() || (!s.checks.empty() && ((before != out.rend() && BlockingDone(*before)) ||
                                              progress != StageProgress::kNotStarted));
    if (open) s.progress = progress;
    out.push_back(s);
  }
  // A joint decision that lapsed after the next stage began does not reopen
  // its stage: it is to be agreed again.
  for (size_t k = out.size() - 1; k-- > 0;) {
    const StageProgress next = out[k + 1].progress;
    if (next != StageProgress::kInProgress && next != StageProgress::kCompleted) continue;
    if (out[k].progress != StageProgress::kInProgress) continue;
    const bool only_decisions =
        std::all_of(out[k].checks.begin(), out[k].checks.end(), [](const StageCheck& c) {
          return c.done || !c.counts || (c.agreement && *c.agreement != Agreement::kNotAsked);
        });
    if (!only_decisions) continue;
    for (auto& c : out[k].checks) c.again = c.counts && !c.done;
    out[k].progress = StageProgress::kCompleted;
  }
  // Publication settles stages 5 to 7 (published-settled): they are over,
  // whatever was not recorded in them.
  for (auto& s : out) {
    if (!CheckNotSettled(s.stage, f.published).ok()) s.progress = StageProgress::kCompleted;
  }
  return out;
}

Status CheckStageOpen(const std::vector<StageStatus>& stages, InspectionStage stage) {
  for (const auto& s : stages) {
    if (s.stage == stage && s.progress != StageProgress::kCannotStartYet) return OkStatus();
  }
  std::vector<std::string> missing;
  for (const auto& s : stages) {
    if (s.stage == stage) break;
    for (const auto& c : s.checks) {
      if (!c.rule.empty() && !c.done) missing.push_back(c.label);
    }
  }
  if (missing.empty()) return OkStatus();
  std::string list;
  for (size_t i = 0; i < missing.size(); ++i) list += (i ? "; " : "") + missing[i];
  return FailedPrecondition("Stage " + std::to_string(StageNumber(stage)) + " (" +
                                std::string(InspectionStageLabel(stage)) +
                                ") cannot start until: " + list,
                            "stage-order");
}

Document TermsDocument(const PublishedTerms& p) {
  Document doc;
  doc.title = "Joint inspection of " + p.title + ": terms of reference";
  doc.footer = "OFFICIAL - Terms of reference";
  doc.Add(DocumentBlock::Kind::kTitle, "Joint inspection of " + p.title);
  doc.Add(DocumentBlock::Kind::kHeading1, "Terms of reference");
  std::string who;
  for (size_t i = 0; i < p.inspectorates.size(); ++i) {
    if (i > 0) who += i + 1 == p.inspectorates.size() ? " and " : ", ";
    who += p.inspectorates[i];
  }
  doc.Add(DocumentBlock::Kind::kParagraph,
          "A joint inspection by " + who + ", led by " + p.lead + ".");
  auto section = [&](const char* heading, const std::string& text) {
    if (text.empty()) return;
    doc.Add(DocumentBlock::Kind::kHeading2, heading);
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string line = text.substr(start, end - start);
      if (line.find_first_not_of(" \t\r") != std::string::npos) {
        doc.Add(DocumentBlock::Kind::kParagraph, line);
      }
      start = end + 1;
    }
  };
  section("Background", p.terms.background);
  section("Inspection aims", p.terms.aims);
  section("The inspection question", p.terms.question);
  section("Inspection criteria", p.terms.criteria);
  section("Fieldwork sites", p.terms.sites);
  std::string methodology = p.terms.methodology;
  if (!p.methods.empty()) {
    std::string list;
    for (size_t i = 0; i < p.methods.size(); ++i) list += (i ? "\n" : "") + p.methods[i];
    methodology += "\n" + list;
  }
  section("Inspection methodology", methodology);
  section("Proposed inspection timetable", p.terms.timetable);
  return doc;
}

}  // namespace jointly
