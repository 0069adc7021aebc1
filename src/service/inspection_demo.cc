// The demo's joint inspection: Hate crime, from the 2017-18 programme, led
// by HMICFRS with HMCPSI, taken by the people who would do it through
// stages 1 and 2 and part-way through stage 3, on the days of 2017 it would
// have happened, through the same use cases as the pages (so every rule
// holds, the six weeks' notice of letters included).
#include <chrono>

#include "service/inspection_service.h"

namespace jointly {

namespace {

template <typename T>
Status Ok(const StatusOr<T>& s) {
  return s.status();
}

// Nine in the morning of `iso`, on the replayed clock.
void On(ReplayClock& clock, const char* iso) {
  const auto day = Date::Parse(iso);
  clock.Set(std::chrono::duration_cast<std::chrono::microseconds>(day->days().time_since_epoch())
                .count() +
            9LL * 3600 * 1000000);
}

constexpr const char* kSendLettersTask = "Send commissioning letters";

Status AgreeAll(JointDecisions& decisions, const DemoInspectionPeople& people,
                const StatusOr<DecisionView>& asked) {
  RETURN_IF_ERROR(asked.status());
  for (const auto* rep : {&people.police_rep, &people.cps_rep}) {
    RETURN_IF_ERROR(Ok(decisions.Respond(*rep, asked->stored.decision.id, true, "")));
  }
  return OkStatus();
}

Status LoadDemoFieldwork(InspectionService& inspections, JointDecisions& decisions,
                         ReplayClock& clock, const DemoInspectionPeople& people, int64_t id);

}  // namespace

StatusOr<int64_t> LoadDemoInspection(InspectionService& inspections, JointDecisions& decisions,
                                     ReplayClock& clock, const DemoInspectionPeople& people) {
  const Caller system = SystemCaller();
  On(clock, "2017-05-02");
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
        "Three police forces and their CPS Areas: a county force in the South East, the "
        "Metropolitan Police Service in London, and a force in Wales.";
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
      {Method::kData, "Places the three forces among all forces in England and Wales"},
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
      {KeyDateKind::kItAccess, "IT access in the three forces", "2017-08-01", "2017-09-29", ""},
      {KeyDateKind::kReferenceGroup, "External reference group", "2017-09-12", "", "London"},
      {KeyDateKind::kFieldwork, "Fieldwork: Kent and the Metropolitan Police", "2017-10-02",
       "2017-10-20", ""},
      {KeyDateKind::kFieldwork, "Fieldwork: South Wales Police", "2017-11-06", "2017-11-24", ""},
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
      {kSendLettersTask, "2017-08-18"},
      {"Book the external reference group", "2017-08-25"},
  };
  for (const auto& [title, due] : tasks) {
    Task t;
    t.title = title;
    t.owner_user_id = lead.user_id;
    t.due_on = due;
    RETURN_IF_ERROR(Ok(inspections.AddTask(lead, id, t)));
  }
  RETURN_IF_ERROR(LoadDemoFieldwork(inspections, decisions, clock, people, id));
  RETURN_IF_ERROR(LoadDemoFindings(inspections, decisions, clock, people, id));
  return id;
}

namespace {

// A site the demo visits: a force, or the CPS Area that prosecutes its
// cases, commissioned by HMCPSI.
struct DemoSite {
  const char* body;
  const char* from;
  const char* to;
  const char* why;
  bool cps = false;
};

// The two inspectorates as the directory names them now: it records no
// former names (in 2017 HMICFRS was HMIC), so a letter uses the current
// name, as every other page and document does.
struct DemoNames {
  std::string police;
  std::string cps;
};

// The commissioning letter to a site's head, as its inspectorate writes it.
Letter DemoLetter(const DemoSite& visit, int64_t site_id, const DemoNames& names) {
  const std::string from = Date::Parse(visit.from)->ToDayMonthYear();
  Letter letter;
  letter.site_id = site_id;
  if (visit.cps) {
    letter.addressee = std::string("Chief Crown Prosecutor, ") + visit.body;
    letter.signed_by = "Marion Tate, Deputy Chief Inspector, " + names.cps;
    letter.body =
        "Following my discussion with the CPS Directors of Legal Services, to whom I "
        "have written about the inspection as a whole, " +
        names.cps + " will inspect, jointly with " + names.police +
        ", how hate crime cases are built and prosecuted. Onsite fieldwork in your Area "
        "is planned from " +
        from + ". We will write again with the files we would like to examine.";
  } else {
    letter.addressee = std::string("Chief Constable, ") + visit.body;
    letter.signed_by = "Joanna Pelham, HM Inspector of Constabulary and senior responsible officer";
    letter.body = names.police + " and " + names.cps +
                  " will carry out a joint inspection of how the police and the CPS respond to "
                  "hate crime. Onsite fieldwork in your force is planned from " +
                  from + ". We will write again with the documents we would like to see.";
  }
  return letter;
}

StatusOr<DemoNames> DemoInspectorateNames(InspectionService& inspections,
                                          const DemoInspectionPeople& people, int64_t id) {
  ASSIGN_OR_RETURN(InspectionView v, inspections.ViewInspection(people.police_lead, id));
  DemoNames names;
  for (const auto& i : v.inspectorates) {
    if (i.id == people.police_lead.inspectorate_id) names.police = i.full_name;
    if (i.id == people.cps_lead.inspectorate_id) names.cps = i.full_name;
  }
  if (names.police.empty() || names.cps.empty()) {
    return NotFound("The directory lacks the demo inspection's inspectorates");
  }
  return names;
}

// Stage 2 in the summer: the three forces visited and their CPS Areas,
// each commissioned as its inspectorate does (M 15): HMICFRS's senior
// responsible officer writes to each Chief Constable, HMCPSI's Deputy
// Chief Inspector to the Chief Crown Prosecutor of each Area; every letter
// authorised by both inspectorates and sent.
StatusOr<std::vector<FieldworkSite>> DemoSitesAndLetters(InspectionService& inspections,
                                                         JointDecisions& decisions,
                                                         ReplayClock& clock,
                                                         const DemoInspectionPeople& people,
                                                         int64_t id) {
  const Caller& lead = people.police_lead;
  On(clock, "2017-08-14");
  ASSIGN_OR_RETURN(auto bodies, inspections.SiteChoices(lead));
  ASSIGN_OR_RETURN(const DemoNames names, DemoInspectorateNames(inspections, people, id));
  const DemoSite visits[] = {
      {"Kent Police", "2017-10-02", "2017-10-04",
       "Recorded hate crime rising faster than most forces; a county force in the South East"},
      {"Metropolitan Police Service", "2017-10-16", "2017-10-19",
       "The largest force, in London, with a dedicated hate crime command"},
      {"South Wales Police", "2017-11-06", "2017-11-08",
       "A force in Wales with a low rate of charge for hate crime"},
      {"CPS South East", "2017-10-02", "2017-10-04",
       "The Area that prosecutes Kent Police's cases, visited with the force", true},
      {"CPS London South", "2017-10-16", "2017-10-19",
       "An Area prosecuting the Metropolitan Police's cases, visited with the force", true},
      {"CPS Cymru-Wales", "2017-11-06", "2017-11-08",
       "The Area that prosecutes South Wales Police's cases, visited with the force", true},
  };
  std::vector<FieldworkSite> sites;
  for (const auto& visit : visits) {
    FieldworkSite site;
    for (const auto& b : bodies) {
      if (b.name == visit.body) site.body_id = b.id;
    }
    if (site.body_id == 0) return NotFound(std::string("The directory has no ") + visit.body);
    site.fieldwork_starts_on = visit.from;
    site.fieldwork_ends_on = visit.to;
    site.why = visit.why;
    ASSIGN_OR_RETURN(site, inspections.AddSite(lead, id, site));
    sites.push_back(site);
  }
  // Both inspectorates agree the set of sites before any letter goes.
  RETURN_IF_ERROR(AgreeAll(decisions, people, inspections.AskSites(lead, id)));
  for (size_t k = 0; k < sites.size(); ++k) {
    const DemoSite& visit = visits[k];
    const FieldworkSite& site = sites[k];
    Letter letter = DemoLetter(visit, site.id, names);
    // Each inspectorate writes and sends its own letters.
    const Caller& writer = visit.cps ? people.cps_overseer : lead;
    ASSIGN_OR_RETURN(letter, inspections.AddLetter(writer, id, letter));
    RETURN_IF_ERROR(
        AgreeAll(decisions, people, inspections.AskLetterAuthorisation(writer, letter.id)));
    RETURN_IF_ERROR(Ok(inspections.SendLetter(writer, letter.id)));
  }
  ASSIGN_OR_RETURN(InspectionView v, inspections.ViewInspection(lead, id));
  for (const auto& t : v.tasks) {
    if (t.title != kSendLettersTask) continue;
    RETURN_IF_ERROR(Ok(inspections.UpdateTask(lead, t.id, t.version, [](Task& done) {
      done.status = TaskStatus::kDone;
      return OkStatus();
    })));
  }
  return sites;
}

// Early in stage 3: the fieldwork arrangements, agreed by both, and the
// clearances of HMCPSI's lead inspector.
Status DemoArrangementsAndClearances(InspectionService& inspections, JointDecisions& decisions,
                                     ReplayClock& clock, const DemoInspectionPeople& people,
                                     int64_t id) {
  const Caller& lead = people.police_lead;
  On(clock, "2017-09-04");
  ASSIGN_OR_RETURN(InspectionView v, inspections.ViewInspection(lead, id));
  RETURN_IF_ERROR(Ok(inspections.UpdateArrangements(
      lead, id, v.arrangements.version, [](FieldworkArrangements& a) {
        a.onsite_and_remote =
            "File examination is done remotely before each visit; interviews, focus groups and "
            "reality checks are onsite.";
        a.drafting = TimetableDrafting::kEachLead;
        a.inspectors_per_visit =
            "Four inspectors a force: two from HMICFRS and two from HMCPSI, interviewing in "
            "joint pairs.";
        a.security =
            "Police vetting for every inspector; access to each force's crime system "
            "and to the CPS case management system for file examination.";
        a.shared_before =
            "The HMICFRS lead shares each force's data pack and the file sample "
            "a week before the visit.";
        a.evidence_recording =
            "Every item goes on the shared evidence register in Jointly, recorded by the "
            "inspector who gathered it.";
        a.updates = "A call with each team the Friday before a visit, and a daily note onsite.";
        a.pre_onsite_split =
            "HMCPSI examines the CPS files, HMICFRS the police files; data analysis by HMICFRS.";
        a.debriefs =
            "A team debrief at the end of each day; a debrief for the chief officer and "
            "the Chief Crown Prosecutor at the end of each visit.";
        a.live_cases =
            "An issue putting a victim at risk is raised with the force at once by the "
            "lead inspector, and recorded.";
        a.interviews = InterviewApproach::kInterviewPlans;
        return OkStatus();
      })));
  RETURN_IF_ERROR(AgreeAll(decisions, people, inspections.AskArrangements(lead, id)));

  Clearance vetting;
  vetting.user_id = people.cps_lead.user_id;
  vetting.kind = ClearanceKind::kSecurityVetting;
  vetting.detail = "Police vetting, non-police personnel level 2";
  vetting.held = true;
  vetting.expires_on = "2019-03-31";
  RETURN_IF_ERROR(Ok(inspections.AddClearance(people.cps_lead, id, vetting)));
  Clearance access;
  access.user_id = people.cps_lead.user_id;
  access.kind = ClearanceKind::kItAccess;
  access.detail = "Kent Police crime recording system";
  RETURN_IF_ERROR(Ok(inspections.AddClearance(people.cps_lead, id, access)));
  return OkStatus();
}

// The first day at the first site: HMICFRS's and HMCPSI's lead inspectors
// visit as a joint pair.
Status DemoVisit(InspectionService& inspections, const DemoInspectionPeople& people, int64_t id,
                 const std::vector<FieldworkSite>& sites) {
  const Caller& lead = people.police_lead;
  Visit visit;
  visit.site_id = sites[0].id;
  visit.visit_on = "2017-10-03";
  visit.mode = VisitMode::kOnsite;
  visit.activities =
      "Reality checks in the control room and the custody suite; the focus group with "
      "neighbourhood officers and hate crime coordinators.";
  ASSIGN_OR_RETURN(visit, inspections.AddVisit(lead, id, visit));
  VisitPlace pair;
  pair.user_id = people.police_lead.user_id;
  pair.partner_id = people.cps_lead.user_id;
  return inspections.AddVisitPlace(lead, visit.id, pair).status();
}

// A joint focus group at the first force and a single-inspectorate interview
// at its CPS Area.
Status DemoInterviews(InspectionService& inspections, const DemoInspectionPeople& people,
                      int64_t id, const std::vector<FieldworkSite>& sites) {
  const Caller& lead = people.police_lead;
  Interview group;
  group.site_id = sites[0].id;
  group.kind = InterviewKind::kFocusGroup;
  group.held_on = "2017-10-03";
  group.with_whom = "Neighbourhood officers and hate crime coordinators, Kent Police";
  group.plan =
      "How is a hate crime identified at first contact?\n"
      "What support is offered to the victim, and by whom?\n"
      "How do officers and prosecutors talk about the evidence of hostility?";
  RETURN_IF_ERROR(Ok(inspections.AddInterview(lead, id, group)));
  // HMCPSI interviews the Chief Crown Prosecutor at the CPS Area visited
  // with the first force (CPS South East, with Kent Police).
  Interview prosecutor;
  prosecutor.site_id = sites[3].id;
  prosecutor.held_on = "2017-10-04";
  prosecutor.with_whom = "Chief Crown Prosecutor, CPS South East";
  prosecutor.staffing = Staffing::kSingle;
  prosecutor.single_inspectorate = people.cps_lead.inspectorate_id;
  prosecutor.single_reason =
      "The interview covers prosecutors' decisions in individual cases, which HMCPSI alone "
      "examines.";
  RETURN_IF_ERROR(Ok(inspections.AddInterview(people.cps_lead, id, prosecutor)));
  return OkStatus();
}

// Evidence from the first visit, quality-assured with a query answered, and
// an issue in a live case.
Status DemoEvidenceAndLiveCases(InspectionService& inspections, ReplayClock& clock,
                                const DemoInspectionPeople& people, int64_t id,
                                const std::vector<FieldworkSite>& sites) {
  const Caller& lead = people.police_lead;
  On(clock, "2017-10-03");
  EvidenceItem policy;
  policy.site_id = sites[0].id;
  policy.method = Method::kDocumentReview;
  policy.gathered_on = "2017-10-02";
  policy.summary =
      "Kent Police's hate crime policy was last reviewed in 2014 and does not reflect the "
      "national guidance of 2016.";
  ASSIGN_OR_RETURN(policy, inspections.AddEvidence(lead, id, policy));
  EvidenceItem file;
  file.site_id = sites[0].id;
  file.method = Method::kFileExamination;
  file.gathered_on = "2017-10-03";
  file.case_reference = "01KH0412317";
  file.summary =
      "The hostility was flagged at first contact, but the file sent to the CPS did "
      "not say so, and no uplift in sentence was asked for.";
  file.answers =
      "Flagged as hate crime at first contact: yes\n"
      "Hostility evidenced in the file: no\n"
      "Victim personal statement taken: yes";
  ASSIGN_OR_RETURN(file, inspections.AddEvidence(people.cps_lead, id, file));
  EvidenceReview agreed;
  agreed.state = ReviewState::kAgreed;
  RETURN_IF_ERROR(Ok(inspections.Review(people.cps_rep, policy.id, policy.version, agreed)));
  RETURN_IF_ERROR(Ok(inspections.Review(lead, policy.id, policy.version, agreed)));
  EvidenceReview query;
  query.state = ReviewState::kQueryRaised;
  query.comment =
      "Did the officer's statement mention the words used? If so, the hostility was "
      "in the file.";
  ASSIGN_OR_RETURN(query, inspections.Review(lead, file.id, file.version, query));
  RETURN_IF_ERROR(Ok(inspections.AnswerQuery(
      people.cps_lead, query.id,
      "The statement quotes the words, but the MG3 and the case summary do not mention them.")));

  LiveCaseIssue issue;
  issue.site_id = sites[0].id;
  issue.found_on = "2017-10-03";
  issue.case_reference = "01KH0533117";
  issue.issue =
      "A repeat victim of disability hate crime had not been contacted for five weeks "
      "after a further report.";
  issue.action =
      "Raised with the force's duty inspector the same day; the victim was visited "
      "that evening.";
  issue.action_by = "HMICFRS lead inspector";
  RETURN_IF_ERROR(Ok(inspections.AddLiveCase(lead, id, issue)));
  return OkStatus();
}

// R23: in September, HMICFRS's Chief Inspector delegates to an HMCPSI
// legal inspector, outside the team, the examination of the police
// prosecution teams' case files for HMICFRS.
StatusOr<Delegation> DemoDelegation(InspectionService& inspections, ReplayClock& clock,
                                    const DemoInspectionPeople& people, int64_t id) {
  On(clock, "2017-09-11");
  Delegation d;
  d.delegating_inspectorate_id = people.police_chief.inspectorate_id.value_or(0);
  d.receiving_inspectorate_id = people.cps_delegate.inspectorate_id;
  d.function = DelegatedFunction::kFieldwork;
  d.user_id = people.cps_delegate.user_id;
  d.scope =
      "Examining the case files of each force's criminal justice unit (the police prosecution "
      "team) before they go to the CPS, for HMICFRS's findings on case building.";
  d.ends_on = "2017-11-30";
  return inspections.AddDelegation(people.police_chief, id, d);
}

// The day after the first evidence, the inspector records what a police
// file showed, as HMICFRS's evidence under that delegation.
Status DemoDelegatedEvidence(InspectionService& inspections, ReplayClock& clock,
                             const DemoInspectionPeople& people, int64_t id,
                             const std::vector<FieldworkSite>& sites, const Delegation& d) {
  On(clock, "2017-10-04");
  EvidenceItem file;
  file.site_id = sites[0].id;
  file.method = Method::kFileExamination;
  file.gathered_on = "2017-10-04";
  file.case_reference = "01KH0601217";
  file.delegation_id = d.id;
  file.summary =
      "The criminal justice unit's file review did not check for evidence of hostility: the "
      "file went to the CPS without the victim's account of the words used.";
  file.answers =
      "Hate crime flag carried into the file: yes\n"
      "Evidence of hostility in the file: no\n"
      "Supervisor's review recorded: yes";
  return inspections.AddEvidence(people.cps_delegate, id, file).status();
}

// Once the police files are examined, HMCPSI names the same legal inspector
// to its part of the team for the CPS Areas' files, so they work on the
// inspection as the team does after the delegation ends.
Status DemoInspectorJoins(InspectionService& inspections, ReplayClock& clock,
                          const DemoInspectionPeople& people, int64_t id) {
  On(clock, "2017-10-05");
  TeamMember m;
  m.user_id = people.cps_delegate.user_id;
  m.inspectorate_id = people.cps_delegate.inspectorate_id.value_or(0);
  m.role = TeamRole::kTeamMember;
  return inspections.Appoint(SystemCaller(), id, m).status();
}

// Stage 2 in the summer, stage 3 in the early autumn.
Status LoadDemoFieldwork(InspectionService& inspections, JointDecisions& decisions,
                         ReplayClock& clock, const DemoInspectionPeople& people, int64_t id) {
  ASSIGN_OR_RETURN(auto sites, DemoSitesAndLetters(inspections, decisions, clock, people, id));
  RETURN_IF_ERROR(DemoArrangementsAndClearances(inspections, decisions, clock, people, id));
  ASSIGN_OR_RETURN(Delegation delegation, DemoDelegation(inspections, clock, people, id));
  RETURN_IF_ERROR(DemoVisit(inspections, people, id, sites));
  RETURN_IF_ERROR(DemoInterviews(inspections, people, id, sites));
  RETURN_IF_ERROR(DemoEvidenceAndLiveCases(inspections, clock, people, id, sites));
  RETURN_IF_ERROR(DemoDelegatedEvidence(inspections, clock, people, id, sites, delegation));
  return DemoInspectorJoins(inspections, clock, people, id);
}

}  // namespace

}  // namespace jointly
