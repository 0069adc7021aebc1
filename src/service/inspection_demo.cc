// The demo's joint inspection: Hate crime, from the 2017-18 programme, led
// by HMICFRS with HMCPSI, taken through stage 1 by the people who would do
// it, through the same use cases as the pages (so every rule holds).
#include "service/inspection_service.h"

namespace jointly {

namespace {

template <typename T>
Status Ok(const StatusOr<T>& s) {
  return s.status();
}

}  // namespace

StatusOr<int64_t> LoadDemoInspection(InspectionService& inspections, JointDecisions& decisions,
                                     const DemoInspectionPeople& people) {
  const Caller system = SystemCaller();
  ASSIGN_OR_RETURN(InspectionsPage page, inspections.ViewInspections(system));
  for (const auto& l : page.inspections) {
    if (l.inspection.title == "Hate crime") return l.inspection.id;
  }
  std::optional<int64_t> proposal;
  for (const auto& p : page.startable) {
    if (p.title == "Hate crime") proposal = p.id;
  }
  if (!proposal) return NotFound("The demo programme has no Hate crime work stream");
  StartInspection start;
  start.proposal_id = proposal;
  ASSIGN_OR_RETURN(Inspection i, inspections.Start(system, start));
  const int64_t id = i.id;

  auto appoint = [&](const Caller& who, TeamRole role) {
    TeamMember m;
    m.user_id = who.user_id;
    m.inspectorate_id = who.inspectorate_id.value_or(0);
    m.role = role;
    return inspections.Appoint(system, id, m).status();
  };
  RETURN_IF_ERROR(appoint(people.police_lead, TeamRole::kLeadInspector));
  RETURN_IF_ERROR(appoint(people.police_overseer, TeamRole::kSeniorOverseer));
  RETURN_IF_ERROR(appoint(people.cps_lead, TeamRole::kLeadInspector));
  RETURN_IF_ERROR(appoint(people.cps_overseer, TeamRole::kSeniorOverseer));

  const Caller& lead = people.police_lead;
  Liaison liaison;
  liaison.held_on = "2017-05-15";
  liaison.with_whom = "National Police Chiefs' Council lead for hate crime";
  liaison.summary =
      "Asked that the inspection look at how forces record the hostility behind an offence, "
      "and at the support victims are offered after they report.";
  RETURN_IF_ERROR(Ok(inspections.AddLiaison(people.police_rep, id, liaison)));

  ASSIGN_OR_RETURN(InspectionView v, inspections.ViewInspection(lead, id));
  RETURN_IF_ERROR(Ok(inspections.UpdateTerms(lead, id, v.terms.version, [](TermsOfReference& t) {
    t.background =
        "The Home Secretary asked for an inspection of how the police understand and respond to "
        "hate crime. Joint work with HMCPSI covers how cases of disability hate crime are built "
        "and prosecuted.";
    t.aims =
        "To assess how well forces identify, record and investigate hate crime, how they support "
        "victims, and how police and the CPS work together on the cases that reach court.";
    t.question = "How well do the police and the CPS understand and respond to hate crime?";
    t.criteria =
        "Do forces identify and record hate crime accurately?\n"
        "Are victims supported from first contact to the end of the case?\n"
        "Do police and the CPS build hate crime cases well together?";
    t.sites =
        "Six police forces and their CPS Areas, including one in Wales and the Metropolitan "
        "Police Service.";
    t.methodology =
        "File examination of hate crime cases in each force and Area, interviews and focus "
        "groups with officers, prosecutors and victims' groups, and a review of force and CPS "
        "data.";
    t.timetable = "Fieldwork in October and November 2017; publication in the spring of 2018.";
    t.report_structure =
        "Introduction; identifying and recording; investigation and victim support; building "
        "and prosecuting cases (HMCPSI); conclusions and recommendations.";
    t.audience = "Forces, CPS Areas, victims' organisations, the Home Office and the public.";
    t.publication = PublicationApproach::kProactiveMedia;
    return OkStatus();
  })));
  const std::pair<Method, const char*> methods[] = {
      {Method::kFileExamination, "Shows how hate crime cases are handled from report to outcome"},
      {Method::kInterviews, "Explains the reasons behind what the files show"},
      {Method::kData, "Places the six forces among all forces in England and Wales"},
  };
  for (const auto& [method, value] : methods) {
    MethodPlan m;
    m.method = method;
    m.value_added = value;
    m.presentation = "Findings in each chapter, with the figures in an annex";
    RETURN_IF_ERROR(Ok(inspections.AddMethod(lead, id, m)));
  }
  RedLine line;
  line.text = "The report judges the CPS's decisions as a whole, never an individual prosecutor.";
  RETURN_IF_ERROR(Ok(inspections.AddRedLine(people.cps_lead, id, line)));
  RedLine police_line;
  police_line.text = "Force-level findings are shared with each force before publication.";
  RETURN_IF_ERROR(Ok(inspections.AddRedLine(lead, id, police_line)));

  ASSIGN_OR_RETURN(DecisionView sign_off, inspections.AskSignOff(lead, id));
  for (const auto* rep : {&people.police_rep, &people.cps_rep}) {
    RETURN_IF_ERROR(Ok(decisions.Respond(*rep, sign_off.stored.decision.id, true, "")));
  }

  struct Dated {
    KeyDateKind kind;
    const char* title;
    const char* from;
    const char* to;
    const char* place;
  };
  const Dated dates[] = {
      {KeyDateKind::kItAccess, "IT access in the six forces", "2017-08-01", "2017-09-29", ""},
      {KeyDateKind::kReferenceGroup, "External reference group", "2017-09-12", "", "London"},
      {KeyDateKind::kFieldwork, "Fieldwork: first three forces", "2017-10-02", "2017-10-20", ""},
      {KeyDateKind::kFieldwork, "Fieldwork: last three forces", "2017-11-06", "2017-11-24", ""},
      {KeyDateKind::kCriticalReaders, "Critical readers' review", "2018-02-05", "2018-02-16", ""},
      {KeyDateKind::kPublication, "Publication", "2018-05-17", "", ""},
  };
  for (const auto& d : dates) {
    KeyDate k;
    k.kind = d.kind;
    k.title = d.title;
    k.starts_on = d.from;
    k.ends_on = d.to;
    k.place = d.place;
    RETURN_IF_ERROR(Ok(inspections.AddKeyDate(lead, id, k)));
  }
  ASSIGN_OR_RETURN(DecisionView timetable, inspections.AskTimetable(lead, id));
  for (const auto* rep : {&people.police_rep, &people.cps_rep}) {
    RETURN_IF_ERROR(Ok(decisions.Respond(*rep, timetable.stored.decision.id, true, "")));
  }
  const std::pair<const char*, const char*> tasks[] = {
      {"Agree the file examination question set", "2017-07-28"},
      {"Send commissioning letters", "2017-08-18"},
      {"Book the external reference group", "2017-08-25"},
  };
  for (const auto& [title, due] : tasks) {
    Task t;
    t.title = title;
    t.owner = "HMICFRS lead inspector";
    t.due_on = due;
    RETURN_IF_ERROR(Ok(inspections.AddTask(lead, id, t)));
  }
  return id;
}

}  // namespace jointly
