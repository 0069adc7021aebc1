// The demo's joint inspection in stage 5: once the fieldwork evidence is
// quality-assured by both inspectorates, they agree that it is done, hold
// the emerging-findings meeting with both present and the Development Group
// representatives involved, and agree the report structure it recorded;
// then stage 6 begins: two sections are drafted, one of them twice, and
// HMCPSI's representative comments on it and suggests an edit.
#include "service/inspection_service.h"

namespace jointly {

namespace {

Status AgreeBoth(JointDecisions& decisions, const DemoInspectionPeople& people,
                 const StatusOr<DecisionView>& asked) {
  RETURN_IF_ERROR(asked.status());
  for (const auto* rep : {&people.police_rep, &people.cps_rep}) {
    RETURN_IF_ERROR(decisions.Respond(*rep, asked->stored.decision.id, true, "").status());
  }
  return OkStatus();
}

// Every item not yet agreed by an inspectorate is agreed by its
// representative, as the queries are answered.
Status AssureEvidence(InspectionService& inspections, const DemoInspectionPeople& people,
                      int64_t id) {
  ASSIGN_OR_RETURN(InspectionView v, inspections.ViewInspection(SystemCaller(), id));
  for (const auto& e : v.evidence) {
    for (const auto* rep : {&people.police_rep, &people.cps_rep}) {
      const int64_t who = rep->inspectorate_id.value_or(0);
      if (ReviewOf(e, v.reviews, who) == ReviewState::kAgreed) continue;
      EvidenceReview agreed;
      agreed.state = ReviewState::kAgreed;
      RETURN_IF_ERROR(inspections.Review(*rep, e.id, e.version, agreed).status());
    }
  }
  return OkStatus();
}

// Stage 6 begun: findings resting on the evidence register (one on a
// single source), two recommendations answering them and how their owners
// were engaged on the wording (M 36).
Status LoadDemoReport(InspectionService& inspections, const Caller& lead, const Clock& clock,
                      int64_t id) {
  ASSIGN_OR_RETURN(InspectionView v, inspections.ViewInspection(lead, id));
  if (v.evidence.size() < 2 || v.sections.size() < 3) return OkStatus();
  std::vector<int64_t> all;
  for (const auto& e : v.evidence) all.push_back(e.id);
  struct DemoFinding {
    const char* statement;
    size_t section;
    std::vector<int64_t> evidence;
  };
  const DemoFinding findings[] = {
      {"Hate crime was not consistently identified or flagged at first contact, so victims "
       "missed the support they were entitled to.",
       1, all},
      {"Case files rarely recorded the evidence of hostility that prosecutors needed to ask "
       "for a sentence uplift.",
       2,
       {all.front()}},
  };
  std::vector<int64_t> made;
  for (const auto& f : findings) {
    Finding x;
    x.statement = f.statement;
    x.section_id = v.sections[f.section].id;
    ASSIGN_OR_RETURN(Finding saved, inspections.AddFinding(lead, id, x, f.evidence));
    made.push_back(saved.id);
  }
  std::map<std::string, int64_t> owner;
  for (const auto& [body, name] : v.owners) owner[name] = body;
  const Date today = Date::DayOf(clock.NowMicros());
  struct DemoRecommendation {
    const char* owner;
    const char* action;
    const char* measure;
    int64_t months;
    int64_t finding;
    const char* who;
    const char* said;
  };
  const DemoRecommendation recommendations[] = {
      {"Home Office",
       "Forces should make sure hate crime is identified and flagged at first contact, and "
       "that every victim is offered an assessment of their needs.",
       "An audit of a sample of hate crime records in every force shows the flag set and the "
       "assessment offered.",
       12, made[0], "Head of hate crime policy",
       "Agreed the wording; asked that the audit use the existing data returns."},
      {"Ministry of Justice",
       "Prosecutors should record in every hate crime file the evidence of hostility and ask "
       "the court for a sentence uplift where it applies.",
       "The proportion of hate crime convictions with a recorded uplift, published quarterly.", 9,
       made[1], "Deputy director, criminal justice policy",
       "Content with the recommendation; suggested nine months rather than six."},
  };
  for (const auto& r : recommendations) {
    Recommendation x;
    x.kind = v.raises;
    if (auto it = owner.find(r.owner); it != owner.end()) x.owner_id = it->second;
    x.action = r.action;
    x.measure = r.measure;
    x.due_on = today.AddDays(r.months * 30).ToIso();
    ASSIGN_OR_RETURN(Recommendation saved, inspections.AddRecommendation(lead, id, x, {r.finding}));
    Engagement e;
    e.engaged_on = today.ToIso();
    e.who = r.who;
    e.how = "A meeting on the proposed wording";
    e.said = r.said;
    RETURN_IF_ERROR(inspections.AddEngagement(lead, saved.id, e).status());
  }
  return OkStatus();
}

struct DemoSection {
  const char* title;
  const Caller* contributor;  // none: both jointly
  const char* covers;
};

// Stage 6 (R18): a week after the structure is agreed, HMICFRS drafts its
// section and saves a second version; HMCPSI drafts its own; HMCPSI's
// representative comments on HMICFRS's and suggests an edit to it.
Status DraftDemoReport(InspectionService& inspections, ReplayClock& clock,
                       const DemoInspectionPeople& people, int64_t id) {
  constexpr int64_t kDay = 24LL * 3600 * 1000000;
  clock.Set(clock.NowMicros() + 7 * kDay);
  ASSIGN_OR_RETURN(InspectionView v, inspections.ViewInspection(SystemCaller(), id));
  if (v.sections.size() < 3) return OkStatus();
  const int64_t police = v.sections[1].id, cps = v.sections[2].id;
  RETURN_IF_ERROR(inspections
                      .SaveDraft(people.police_lead, police, 0,
                                 "Call handlers in all three forces recognised most hate crime "
                                 "at first contact, but flagged it inconsistently.\n\nVictims "
                                 "were rarely referred to specialist support.")
                      .status());
  clock.Set(clock.NowMicros() + 2 * kDay);
  RETURN_IF_ERROR(inspections
                      .SaveDraft(people.police_lead, police, 1,
                                 "Call handlers in all three forces recognised most hate crime "
                                 "at first contact, but flagged it inconsistently, so the "
                                 "investigating officer often did not know.\n\nVictims were "
                                 "rarely referred to specialist support, and few were told why.")
                      .status());
  RETURN_IF_ERROR(inspections
                      .SaveDraft(people.cps_lead, cps, 0,
                                 "Files sent for a charging decision seldom set out the "
                                 "evidence of hostility, so the sentence uplift was asked for "
                                 "in under half of the cases we read.")
                      .status());
  clock.Set(clock.NowMicros() + kDay);
  SectionComment comment;
  comment.text = "Can we say how many of the cases we read were flagged?";
  RETURN_IF_ERROR(inspections.AddComment(people.cps_rep, police, comment).status());
  SectionComment edit;
  edit.kind = CommentKind::kSuggestion;
  edit.replace = "few were told why";
  edit.with = "few were told what support was available";
  edit.text = "Closer to what victims told us";
  return inspections.AddComment(people.cps_rep, police, edit).status();
}

}  // namespace

Status LoadDemoFindings(InspectionService& inspections, JointDecisions& decisions,
                        ReplayClock& clock, const DemoInspectionPeople& people, int64_t id) {
  const Caller& lead = people.police_lead;
  clock.Set(clock.NowMicros() + 14LL * 24 * 3600 * 1000000);  // a fortnight after fieldwork
  RETURN_IF_ERROR(AssureEvidence(inspections, people, id));
  RETURN_IF_ERROR(AgreeBoth(decisions, people, inspections.AskAssurance(lead, id)));
  RETURN_IF_ERROR(inspections
                      .UpdateMeeting(lead, id, 1,
                                     [&](FindingsMeeting& m) {
                                       m.held_on = Date::DayOf(clock.NowMicros()).ToIso();
                                       m.dg_involvement =
                                           "Both Development Group representatives took part: "
                                           "HMICFRS's chaired the discussion of the findings, "
                                           "HMCPSI's the report structure.";
                                       m.sharing = Sharing::kShared;
                                       m.shared =
                                           "A summary of the emerging findings, given to each "
                                           "force and CPS Area at its debrief.";
                                       return OkStatus();
                                     })
                      .status());
  for (const auto* who : {&people.police_lead, &people.cps_lead}) {
    MeetingAttendance a;
    a.inspectorate_id = who->inspectorate_id.value_or(0);
    a.attendees = "Lead inspector, senior overseer and Development Group representative";
    RETURN_IF_ERROR(inspections.AddAttendance(*who, id, a).status());
  }
  const DemoSection sections[] = {
      {"Introduction and context", nullptr, "Why hate crime, what we looked at and how"},
      {"Identifying hate crime and supporting victims", &people.police_lead,
       "First contact, flagging and victim support, from the force visits"},
      {"Building and prosecuting the case", &people.cps_lead,
       "Evidence of hostility in files, charging and sentence uplifts"},
      {"Conclusions and recommendations", nullptr, ""},
  };
  int64_t position = 0;
  for (const auto& s : sections) {
    ReportSection section;
    section.position = ++position;
    section.title = s.title;
    if (s.contributor) section.contributor_id = s.contributor->inspectorate_id;
    section.covers = s.covers;
    RETURN_IF_ERROR(inspections.AddSection(lead, id, section).status());
  }
  RETURN_IF_ERROR(AgreeBoth(decisions, people, inspections.AskStructure(lead, id)));
  RETURN_IF_ERROR(DraftDemoReport(inspections, clock, people, id));
  return LoadDemoReport(inspections, lead, clock, id);
}

}  // namespace jointly
