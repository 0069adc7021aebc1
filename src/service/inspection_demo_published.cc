// The demo's published joint inspection: Modern slavery and human
// trafficking, led by HMICFRS with HMCPSI, replayed through every stage on
// the days of 2017-18 through the same use cases as the pages, published by
// the publication job, and followed up on the tracker.
#include "service/inspection_demo_published.h"

#include <chrono>

#include "service/tracker_service.h"
#include "service/welsh_service.h"

namespace jointly {

namespace {

constexpr int64_t kMicrosPerHour = 3600LL * 1000000;

// `hour` o'clock on `iso`, on the replayed clock.
void At(ReplayClock& clock, const char* iso, int64_t hour = 9) {
  const auto day = Date::Parse(iso);
  clock.Set(std::chrono::duration_cast<std::chrono::microseconds>(day->days().time_since_epoch())
                .count() +
            hour * kMicrosPerHour);
}

// The inspection's decision, agreed by both inspectorates.
Status BothAgree(JointDecisions& decisions, const DemoInspectionPeople& people,
                 const StatusOr<DecisionView>& asked) {
  RETURN_IF_ERROR(asked.status());
  for (const auto* rep : {&people.police_rep, &people.cps_rep}) {
    RETURN_IF_ERROR(decisions.Respond(*rep, asked->stored.decision.id, true, "").status());
  }
  return OkStatus();
}

// What the replay needs: the services on its clock and the people.
struct Replay {
  ReplayClock& clock;
  JointDecisions& decisions;
  InspectionService& inspections;
  const DemoInspectionPeople& people;
  int64_t id = 0;
};

// Stage 1 in April 2017: the team, terms signed off and the timetable.
Status PlanIt(Replay& r) {
  const Caller system = SystemCaller();
  const Caller& lead = r.people.police_lead;
  for (const auto& [who, role] : {std::pair{&r.people.police_lead, TeamRole::kLeadInspector},
                                  std::pair{&r.people.police_overseer, TeamRole::kSeniorOverseer},
                                  std::pair{&r.people.cps_lead, TeamRole::kLeadInspector},
                                  std::pair{&r.people.cps_overseer, TeamRole::kSeniorOverseer}}) {
    TeamMember m;
    m.user_id = who->user_id;
    m.inspectorate_id = who->inspectorate_id.value_or(0);
    m.role = role;
    RETURN_IF_ERROR(r.inspections.Appoint(system, r.id, m).status());
  }
  ASSIGN_OR_RETURN(InspectionView v, r.inspections.ViewInspection(lead, r.id));
  RETURN_IF_ERROR(
      r.inspections
          .UpdateTerms(
              lead, r.id, v.terms.version,
              [](TermsOfReference& t) {
                t.background =
                    "Recorded modern slavery offences have risen sharply since the Modern Slavery "
                    "Act "
                    "2015, but few cases reach court.";
                t.aims =
                    "To assess how well the police find and protect victims of modern slavery, and "
                    "how police and the CPS build cases against those who exploit them.";
                t.question =
                    "How well do the police and the CPS identify, investigate and prosecute modern "
                    "slavery?";
                t.criteria =
                    "Are victims recognised and safeguarded at first contact?\n"
                    "Are investigations led by the evidence, not only by the victim's account?\n"
                    "Do police and prosecutors work on cases together from the start?";
                t.sites = "A large metropolitan force and the CPS Area that prosecutes its cases.";
                t.methodology =
                    "File examination of modern slavery investigations and prosecutions, and "
                    "interviews with officers, prosecutors and support organisations.";
                t.timetable = "Fieldwork in July 2017; publication early in 2018.";
                t.report_structure =
                    "Summary; finding and protecting victims; building and prosecuting cases.";
                t.audience =
                    "Forces, CPS Areas, the Home Office, victims' organisations and the public.";
                t.publication = PublicationApproach::kSoftLaunch;
                return OkStatus();
              })
          .status());
  MethodPlan files;
  files.method = Method::kFileExamination;
  files.value_added = "Shows what happened in each case, from first report to outcome";
  files.presentation = "Findings in each chapter";
  RETURN_IF_ERROR(r.inspections.AddMethod(lead, r.id, files).status());
  RETURN_IF_ERROR(BothAgree(r.decisions, r.people, r.inspections.AskSignOff(lead, r.id)));
  const std::tuple<KeyDateKind, const char*, const char*, const char*> dates[] = {
      {KeyDateKind::kFieldwork, "Fieldwork: West Yorkshire", "2017-07-24", "2017-07-27"},
      {KeyDateKind::kPublication, "Publication", "2018-02-13", ""},
  };
  for (const auto& [kind, title, from, to] : dates) {
    KeyDate k;
    k.kind = kind;
    k.title = title;
    k.starts_on = from;
    k.ends_on = to;
    RETURN_IF_ERROR(r.inspections.AddKeyDate(lead, r.id, k).status());
  }
  return BothAgree(r.decisions, r.people, r.inspections.AskTimetable(lead, r.id));
}

// Stage 2 in June: the force visited, agreed by both, its letter authorised
// and sent seven weeks ahead; stage 3's arrangements agreed in July.
StatusOr<int64_t> VisitIt(Replay& r) {
  const Caller& lead = r.people.police_lead;
  At(r.clock, "2017-06-01");
  ASSIGN_OR_RETURN(auto bodies, r.inspections.SiteChoices(lead));
  FieldworkSite site;
  for (const auto& b : bodies) {
    if (b.name == "West Yorkshire Police") site.body_id = b.id;
  }
  if (site.body_id == 0) return NotFound("The directory has no West Yorkshire Police");
  site.fieldwork_starts_on = "2017-07-24";
  site.fieldwork_ends_on = "2017-07-27";
  site.why = "A large force with a dedicated modern slavery team and a rising number of referrals";
  ASSIGN_OR_RETURN(site, r.inspections.AddSite(lead, r.id, site));
  RETURN_IF_ERROR(BothAgree(r.decisions, r.people, r.inspections.AskSites(lead, r.id)));
  // The inspectorates as the directory names them, as every letter does.
  ASSIGN_OR_RETURN(InspectionView named, r.inspections.ViewInspection(lead, r.id));
  std::string police, cps;
  for (const auto& i : named.inspectorates) {
    if (i.id == lead.inspectorate_id) police = i.full_name;
    if (i.id == r.people.cps_lead.inspectorate_id) cps = i.full_name;
  }
  Letter letter;
  letter.site_id = site.id;
  letter.addressee = "Chief Constable, West Yorkshire Police";
  letter.signed_by = "Joanna Pelham, HM Inspector of Constabulary and senior responsible officer";
  letter.body = police + " and " + cps +
                " will carry out a joint inspection of how the police and the CPS respond to "
                "modern slavery. Onsite fieldwork in your force is planned from 24 July 2017. "
                "We will write again with the cases we would like to examine.";
  ASSIGN_OR_RETURN(letter, r.inspections.AddLetter(lead, r.id, letter));
  RETURN_IF_ERROR(
      BothAgree(r.decisions, r.people, r.inspections.AskLetterAuthorisation(lead, letter.id)));
  RETURN_IF_ERROR(r.inspections.SendLetter(lead, letter.id).status());

  At(r.clock, "2017-07-03");
  ASSIGN_OR_RETURN(InspectionView v, r.inspections.ViewInspection(lead, r.id));
  RETURN_IF_ERROR(r.inspections
                      .UpdateArrangements(
                          lead, r.id, v.arrangements.version,
                          [](FieldworkArrangements& a) {
                            a.onsite_and_remote = "Files are read remotely; interviews onsite.";
                            a.drafting = TimetableDrafting::kEachLead;
                            a.inspectors_per_visit = "Two from each inspectorate, in joint pairs.";
                            a.security = "Police vetting for every inspector.";
                            a.shared_before =
                                "The force's case list, a week "
                                "before the visit.";
                            a.evidence_recording = "On the shared evidence register in Jointly.";
                            a.updates = "A call the Friday before the visit.";
                            a.pre_onsite_split =
                                "HMCPSI reads the CPS files, HMICFRS the "
                                "police files.";
                            a.debriefs = "Daily, and with the chief officer at the end.";
                            a.live_cases =
                                "A victim at risk is raised with the force at "
                                "once.";
                            a.interviews = InterviewApproach::kInterviewPlans;
                            return OkStatus();
                          })
                      .status());
  RETURN_IF_ERROR(BothAgree(r.decisions, r.people, r.inspections.AskArrangements(lead, r.id)));
  return site.id;
}

// Stage 4 in late July: three items of evidence, each agreed by both
// inspectorates; the ids, in order.
StatusOr<std::vector<int64_t>> GatherIt(Replay& r, int64_t site_id) {
  At(r.clock, "2017-07-27", 17);
  struct Item {
    const Caller* who;
    Method method;
    const char* on;
    const char* reference;
    const char* summary;
  };
  const Item items[] = {
      {&r.people.police_lead, Method::kInterviews, "2017-07-24", "",
       "Response officers knew the signs of exploitation, but several said they would not "
       "know whom to call out of hours."},
      {&r.people.police_lead, Method::kFileExamination, "2017-07-25", "13WY0228617",
       "In eleven of twenty investigations read, no one looked for evidence beyond the "
       "victim's own account."},
      {&r.people.cps_lead, Method::kFileExamination, "2017-07-26", "13WY0310517",
       "Early investigative advice was sought in only four of the fifteen CPS files read."},
  };
  std::vector<int64_t> ids;
  for (const auto& i : items) {
    EvidenceItem e;
    e.site_id = site_id;
    e.method = i.method;
    e.gathered_on = i.on;
    e.case_reference = i.reference;
    e.summary = i.summary;
    ASSIGN_OR_RETURN(e, r.inspections.AddEvidence(*i.who, r.id, e));
    for (const auto* rep : {&r.people.police_rep, &r.people.cps_rep}) {
      EvidenceReview agreed;
      agreed.state = ReviewState::kAgreed;
      RETURN_IF_ERROR(r.inspections.Review(*rep, e.id, e.version, agreed).status());
    }
    ids.push_back(e.id);
  }
  return ids;
}

// Stage 5 in August: the evidence's assurance agreed, the emerging-findings
// meeting held with both present, and three sections agreed; the sections'
// ids, in order.
StatusOr<std::vector<int64_t>> MeetOnIt(Replay& r) {
  const Caller& lead = r.people.police_lead;
  At(r.clock, "2017-08-15");
  RETURN_IF_ERROR(BothAgree(r.decisions, r.people, r.inspections.AskAssurance(lead, r.id)));
  RETURN_IF_ERROR(r.inspections
                      .UpdateMeeting(lead, r.id, 1,
                                     [](FindingsMeeting& m) {
                                       m.held_on = "2017-08-15";
                                       m.dg_involvement =
                                           "Both Development Group representatives took part.";
                                       m.sharing = Sharing::kNothing;
                                       return OkStatus();
                                     })
                      .status());
  for (const auto* who : {&r.people.police_lead, &r.people.cps_lead}) {
    MeetingAttendance a;
    a.inspectorate_id = who->inspectorate_id.value_or(0);
    a.attendees = "Lead inspector and Development Group representative";
    RETURN_IF_ERROR(r.inspections.AddAttendance(*who, r.id, a).status());
  }
  const std::pair<const char*, const Caller*> sections[] = {
      {"Summary", nullptr},
      {"Finding and protecting victims", &r.people.police_lead},
      {"Building and prosecuting cases", &r.people.cps_lead},
  };
  std::vector<int64_t> ids;
  int64_t position = 0;
  for (const auto& [title, contributor] : sections) {
    ReportSection s;
    s.position = ++position;
    s.title = title;
    if (contributor) s.contributor_id = contributor->inspectorate_id;
    ASSIGN_OR_RETURN(s, r.inspections.AddSection(lead, r.id, s));
    ids.push_back(s.id);
  }
  RETURN_IF_ERROR(BothAgree(r.decisions, r.people, r.inspections.AskStructure(lead, r.id)));
  return ids;
}

// Stage 6 in September: each section drafted, three findings on the
// evidence, and three recommendations answering them, each to its own owner
// and discussed with it.
Status WriteIt(Replay& r, const std::vector<int64_t>& evidence,
               const std::vector<int64_t>& sections) {
  const Caller& lead = r.people.police_lead;
  At(r.clock, "2017-09-18");
  const std::pair<const Caller*, const char*> drafts[] = {
      {&lead,
       "Victims of modern slavery were usually recognised, but too often the case against "
       "their exploiters rested on the victim alone, and it failed when the victim could not "
       "go on."},
      {&lead,
       "Officers knew the signs of exploitation. Out of hours, few knew whom to call, and "
       "some victims waited a night in a police station for a place of safety."},
      {&r.people.cps_lead,
       "Prosecutors were seldom asked for advice early. Where they were, the investigation "
       "gathered phone, financial and travel evidence, and more cases reached court."},
  };
  for (size_t k = 0; k < sections.size(); ++k) {
    RETURN_IF_ERROR(
        r.inspections.SaveDraft(*drafts[k].first, sections[k], 0, drafts[k].second).status());
  }
  const std::pair<const char*, size_t> findings[] = {
      {"Out of hours, officers often did not know how to find a victim a place of safety.", 1},
      {"Investigations relied too heavily on the victim's account.", 1},
      {"Prosecutors were rarely asked for advice early in an investigation.", 2},
  };
  std::vector<int64_t> made;
  for (size_t k = 0; k < std::size(findings); ++k) {
    Finding f;
    f.statement = findings[k].first;
    f.section_id = sections[findings[k].second];
    ASSIGN_OR_RETURN(f, r.inspections.AddFinding(lead, r.id, f, {evidence[k]}));
    made.push_back(f.id);
  }
  ASSIGN_OR_RETURN(InspectionView v, r.inspections.ViewInspection(lead, r.id));
  std::map<std::string, int64_t> owner;
  for (const auto& [body, name] : v.owners) owner[name] = body;
  struct Ask {
    const char* owner;
    const char* action;
    const char* measure;
    const char* due;
    const char* who;
  };
  const Ask asks[] = {
      {"Home Office",
       "The Home Office should agree with forces and local authorities a route to a place "
       "of safety for a victim found at any hour.",
       "Every force can name its out-of-hours route, checked in a survey of forces.", "2018-12-31",
       "Head of modern slavery policy"},
      {"West Yorkshire Police",
       "Make sure every modern slavery investigation plan looks for evidence beyond the "
       "victim's account.",
       "A quarterly dip sample of investigation plans by the force's crime registrar.",
       "2018-09-30", "Detective Chief Superintendent, crime"},
      {"CPS Yorkshire and Humberside",
       "Offer early investigative advice on every modern slavery investigation the force "
       "refers.",
       "The share of modern slavery cases charged with early advice, reported each quarter.",
       "2018-09-30", "Chief Crown Prosecutor"},
  };
  for (size_t k = 0; k < std::size(asks); ++k) {
    Recommendation x;
    x.kind = v.raises;
    if (auto it = owner.find(asks[k].owner); it != owner.end()) x.owner_id = it->second;
    x.action = asks[k].action;
    x.measure = asks[k].measure;
    x.due_on = asks[k].due;
    ASSIGN_OR_RETURN(x, r.inspections.AddRecommendation(lead, r.id, x, {made[k]}));
    Engagement e;
    e.engaged_on = "2017-09-18";
    e.who = asks[k].who;
    e.how = "A call on the proposed wording";
    e.said = "Content with the wording and the date.";
    RETURN_IF_ERROR(r.inspections.AddEngagement(lead, x.id, e).status());
  }
  return BothAgree(r.decisions, r.people, r.inspections.AskRedLines(lead, r.id));
}

// The approval chain in the autumn: agreement, approval, a critical reader
// and final sign-off, each approved on the version as it then stands.
Status ApproveIt(Replay& r) {
  const Caller& lead = r.people.police_lead;
  auto approve = [&](ApprovalStep step, const Caller& police, const Caller& cps) -> Status {
    RETURN_IF_ERROR(r.inspections.SubmitStep(lead, r.id, step).status());
    ASSIGN_OR_RETURN(InspectionView v, r.inspections.ViewInspection(lead, r.id));
    for (const auto* who : {&police, &cps}) {
      RETURN_IF_ERROR(r.inspections.ApproveStep(*who, r.id, step, v.approval_version).status());
    }
    return OkStatus();
  };
  At(r.clock, "2017-10-02");
  RETURN_IF_ERROR(approve(ApprovalStep::kAgreement, r.people.police_rep, r.people.cps_rep));
  At(r.clock, "2017-10-16");
  RETURN_IF_ERROR(
      approve(ApprovalStep::kApproval, r.people.police_overseer, r.people.cps_overseer));
  CriticalReader reader;
  reader.name = "Professor Ruth Ellery";
  reader.organisation = "University of Sheffield";
  reader.scope = ReaderScope::kMore;
  reader.asked = "Whether the findings are fair to the force and the Area";
  reader.deadline = "2017-11-03";
  ASSIGN_OR_RETURN(reader, r.inspections.AddCriticalReader(lead, r.id, reader));
  RETURN_IF_ERROR(r.inspections.SubmitStep(lead, r.id, ApprovalStep::kCriticalReading).status());
  At(r.clock, "2017-11-02");
  RETURN_IF_ERROR(r.inspections
                      .UpdateCriticalReader(lead, reader.id, reader.version,
                                            [](CriticalReader& c) {
                                              c.response =
                                                  "Fair, though the summary could say how many "
                                                  "files were read.";
                                              c.outcome = ReaderOutcome::kNotAccepted;
                                              c.reason =
                                                  "The numbers are in each chapter; the summary "
                                                  "stays short.";
                                              return OkStatus();
                                            })
                      .status());
  At(r.clock, "2017-11-20");
  return approve(ApprovalStep::kSignOff, r.people.police_chief, r.people.cps_overseer);
}

// The report is about bodies in Wales (its recommendation to the Home
// Office, whose remit is England and Wales): its Welsh version, saved by the
// lead before publication and published with the English one.
Status TranslateIt(Replay& r, Database& db) {
  At(r.clock, "2018-01-10");
  WelshService welsh(db, r.clock);
  WelshVersion w;
  w.kind = std::string(kReleasedReport);
  w.record_id = r.id;
  w.title = "Arolygiad ar y cyd o gaethwasiaeth fodern a masnachu pobl";
  w.summary =
      "Arolygiad ar y cyd gan HMICFRS a HMCPSI o’r modd y mae’r heddlu a Gwasanaeth Erlyn y "
      "Goron yn ymdrin ag achosion o gaethwasiaeth fodern a masnachu pobl.";
  w.text =
      "Arweiniwyd yr arolygiad gan HMICFRS gyda HMCPSI. Ym mis Gorffennaf 2017 bu’r arolygwyr "
      "yn ymweld â West Yorkshire Police a CPS Yorkshire and Humberside.\n\n"
      "Canfu’r arolygiad nad oedd swyddogion, y tu allan i oriau gwaith, yn aml yn gwybod sut i "
      "ddod o hyd i le diogel i ddioddefwr; bod ymchwiliadau’n dibynnu gormod ar dystiolaeth y "
      "dioddefwr; ac mai anaml y gofynnwyd i erlynwyr am gyngor yn gynnar mewn ymchwiliad.\n\n"
      "Mae’r adroddiad yn gwneud tri argymhelliad: i’r Swyddfa Gartref, i West Yorkshire Police "
      "ac i CPS Yorkshire and Humberside. Mae’r adroddiad llawn ar gael yn Saesneg.";
  return welsh.Save(r.people.police_lead, std::move(w)).status();
}

Status PublishIt(Replay& r) {
  At(r.clock, "2018-01-15");
  EmbargoRecipient embargoed;
  embargoed.department = "Attorney General's Office";
  embargoed.name = "Priya Shah";
  embargoed.email = "priya.shah@ago.example.gov.uk";
  RETURN_IF_ERROR(
      r.inspections.AddEmbargoRecipient(r.people.police_lead, r.id, embargoed).status());
  RETURN_IF_ERROR(
      r.inspections.SchedulePublication(r.people.police_lead, r.id, "2018-02-13T09:30:00Z")
          .status());
  At(r.clock, "2018-02-08");
  RETURN_IF_ERROR(r.inspections.RunPublication("").status());
  At(r.clock, "2018-02-13", 10);
  ASSIGN_OR_RETURN(PublicationRun run, r.inspections.RunPublication(""));
  if (std::find(run.published.begin(), run.published.end(), r.id) == run.published.end()) {
    return Internal("The demo's report was not published" +
                    (run.held.empty() ? std::string() : ": " + run.held.front()));
  }
  return OkStatus();
}

// On the tracker: the force accepts and its action is verified done; the
// CPS Area accepts in part and reports progress; the Home Office has not
// answered, so its response is overdue.
Status FollowItUp(Replay& r, TrackerService& tracker) {
  const Caller& lead = r.people.police_lead;
  TrackerFilter filter;
  filter.inspectorate_id = lead.inspectorate_id;
  ASSIGN_OR_RETURN(TrackerPage page, tracker.List(lead, filter, 100, 0));
  std::map<int64_t, TrackedRecommendation> by_number;
  for (const auto& t : page.items) {
    if (t.report_title == std::string("Joint inspection of ") + kDemoPublishedTitle) {
      by_number[t.number] = t;
    }
  }
  if (by_number.size() != 3) return Internal("The demo's recommendations are not on the tracker");
  At(r.clock, "2018-03-20");
  OwnerResponse accepted;
  accepted.answer = OwnerAnswer::kAccepted;
  accepted.actions = {
      {"A check for wider evidence added to the investigation plan template", "2018-06-30"}};
  accepted.responded_on = "2018-03-20";
  ASSIGN_OR_RETURN(TrackedRecommendation force,
                   tracker.RecordResponse(lead, by_number[2].id, by_number[2].version, accepted));
  At(r.clock, "2018-04-05");
  OwnerResponse partly;
  partly.answer = OwnerAnswer::kPartlyAccepted;
  partly.accepted_part = "Early advice on every case the force refers with a named suspect";
  partly.reason = "Without a suspect, there is too little for a prosecutor to advise on.";
  partly.actions = {{"A named prosecutor for modern slavery referrals", "2018-07-31"}};
  partly.responded_on = "2018-04-05";
  ASSIGN_OR_RETURN(TrackedRecommendation cps,
                   tracker.RecordResponse(lead, by_number[3].id, by_number[3].version, partly));
  At(r.clock, "2018-07-31");
  ASSIGN_OR_RETURN(cps, tracker.AddUpdate(lead, cps.id, cps.version,
                                          "A named prosecutor now advises on every referral "
                                          "with a suspect; eight so far.",
                                          "2018-07-31"));
  At(r.clock, "2018-10-15");
  StatusChange done;
  done.to = TrackedStatus::kImplemented;
  done.reason = "The new template is in use across the force.";
  done.evidence = "A dip sample of twenty plans in September 2018: all looked for wider evidence.";
  ASSIGN_OR_RETURN(force, tracker.ChangeStatus(lead, force.id, force.version, false, done));
  RETURN_IF_ERROR(tracker.ChangeStatus(lead, force.id, force.version, true, done).status());
  StatusChange part;
  part.to = TrackedStatus::kImplemented;
  part.reason = "The part accepted is in place; the rest was not accepted, for the reason given.";
  part.evidence = "The Area's quarterly return for July to September 2018.";
  ASSIGN_OR_RETURN(cps, tracker.ChangeStatus(lead, cps.id, cps.version, false, part));
  return tracker.ChangeStatus(lead, cps.id, cps.version, true, part).status();
}

}  // namespace

StatusOr<std::optional<int64_t>> LoadDemoSignedOff(Database& db, const DemoInspectionPeople& people,
                                                   ReplayClock& clock) {
  At(clock, "2017-04-03");
  JointDecisions decisions(db, clock);
  InspectionService inspections(db, clock, decisions);
  Replay r{clock, decisions, inspections, people};
  ASSIGN_OR_RETURN(InspectionsPage page, inspections.ViewInspections(SystemCaller()));
  for (const auto& l : page.inspections) {
    if (l.inspection.title == kDemoPublishedTitle) return std::optional<int64_t>();
  }
  std::optional<int64_t> proposal;
  for (const auto& p : page.startable) {
    if (p.title == kDemoPublishedTitle) proposal = p.id;
  }
  if (!proposal) return NotFound("The demo programme has no modern slavery work stream");
  StartInspection start;
  start.proposal_id = proposal;
  ASSIGN_OR_RETURN(Inspection started, inspections.Start(SystemCaller(), start));
  r.id = started.id;
  RETURN_IF_ERROR(PlanIt(r));
  ASSIGN_OR_RETURN(int64_t site, VisitIt(r));
  ASSIGN_OR_RETURN(auto evidence, GatherIt(r, site));
  ASSIGN_OR_RETURN(auto sections, MeetOnIt(r));
  RETURN_IF_ERROR(WriteIt(r, evidence, sections));
  RETURN_IF_ERROR(ApproveIt(r));
  RETURN_IF_ERROR(TranslateIt(r, db));
  return std::optional<int64_t>(r.id);
}

Status LoadDemoPublished(Database& db, const DemoInspectionPeople& people) {
  ReplayClock clock(0);
  ASSIGN_OR_RETURN(std::optional<int64_t> signed_off, LoadDemoSignedOff(db, people, clock));
  if (!signed_off) return OkStatus();
  JointDecisions decisions(db, clock);
  InspectionService inspections(db, clock, decisions);
  TrackerService tracker(db, clock);
  Replay r{clock, decisions, inspections, people, *signed_off};
  RETURN_IF_ERROR(PublishIt(r));
  return FollowItUp(r, tracker);
}

}  // namespace jointly
